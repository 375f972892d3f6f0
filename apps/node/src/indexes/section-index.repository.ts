import { Inject, Injectable } from '@nestjs/common';
import { REDIS, execTransaction } from '#runtime';
import { Redis } from 'ioredis';
import type { HeldMessage } from '../common/held-message.js';
import { NodeConfig } from '../config/node.config.js';
import { sectionAlertsKey, sectionImpactsKey } from './section-index.keys.js';

// Impact notices read per section: the newest this many, of which the newest the reader may see counts.
const IMPACT_DEPTH = 50;

interface Sectioned {
  sent?: string;
  area?: { borderSections?: string[] };
  impactChange?: { borderSection?: string };
  situation?: { sections?: { borderSection?: string }[] };
}

/** Which alerts and impact notices concern each border section, by signed sent time. */
@Injectable()
export class SectionIndexRepository {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: NodeConfig,
  ) {}

  /** Files each alert under its sections and each impact notice under the sections it rates; repeatable. */
  async file(messages: readonly HeldMessage[]): Promise<void> {
    const node = this.config.NODE_ID;
    const transaction = this.redis.multi();
    let filed = 0;
    for (const { id, kind, message } of messages) {
      const { sent, area, impactChange, situation } = message as Sectioned;
      const at = Date.parse(sent ?? '');
      if (Number.isNaN(at)) continue;
      const sections =
        kind === 'alert'
          ? (area?.borderSections ?? []).map((section) => sectionAlertsKey(node, section))
          : kind === 'notice'
            ? [impactChange?.borderSection, ...(situation?.sections ?? []).map((s) => s.borderSection)]
                .filter((section): section is string => section !== undefined && section !== '')
                .map((section) => sectionImpactsKey(node, section))
            : [];
      for (const key of new Set(sections)) {
        transaction.zadd(key, at, id);
        filed++;
      }
    }
    if (filed > 0) await execTransaction(transaction);
  }

  /** The alerts of `section` sent at or after `since`. */
  alerts(section: string, since: Date): Promise<string[]> {
    return this.redis.zrangebyscore(sectionAlertsKey(this.config.NODE_ID, section), since.getTime(), '+inf');
  }

  /** The newest impact notices of `section`, newest first. */
  impacts(section: string): Promise<string[]> {
    return this.redis.zrevrange(sectionImpactsKey(this.config.NODE_ID, section), 0, IMPACT_DEPTH - 1);
  }
}
