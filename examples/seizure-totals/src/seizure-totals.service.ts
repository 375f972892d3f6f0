import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { InboxItem } from '#client';
import { OnBorderlinkMessage } from '#client/nest';
import { SEIZURE_TOTALS_FILE } from './seizure-totals.tokens.js';

/** What was seized on one border section, summed over the alerts that name it. */
export interface SectionTotals {
  alerts: number;
  weapons: number;
  rounds: number;
  otherItems: number;
}

/** The totals per border section, and the alerts already counted (a redelivery is not counted twice). */
export interface SeizureTotals {
  sections: Record<string, SectionTotals>;
  counted: string[];
}

interface SeizureAlert {
  type?: string;
  area?: { borderSections?: string[] };
  items?: {
    weapon?: { quantity?: number };
    ammunition?: { quantity?: number };
    other?: { quantity?: number };
  }[];
}

const quantity = (value: number | undefined): number => value ?? 1;

/** Keeps seizure totals per border section from the node's weapon, ammunition and explosives alerts. */
@Injectable()
export class SeizureTotalsService implements OnModuleInit {
  private totals: SeizureTotals = { sections: {}, counted: [] };

  constructor(@Inject(SEIZURE_TOTALS_FILE) private readonly file: string) {}

  async onModuleInit(): Promise<void> {
    try {
      this.totals = JSON.parse(await readFile(this.file, 'utf8')) as SeizureTotals;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }

  /** The totals per border section. */
  current(): Record<string, SectionTotals> {
    return this.totals.sections;
  }

  // Only new seizures: an update or cancellation of an alert changes no total in this example.
  @OnBorderlinkMessage({ kinds: ['alert'], categories: ['salw', 'ammunition', 'explosives'] })
  async count(item: InboxItem): Promise<void> {
    const alert = (item.message ?? {}) as SeizureAlert;
    if (this.totals.counted.includes(item.id) || (alert.type ?? 'ALERT_TYPE_ALERT') !== 'ALERT_TYPE_ALERT')
      return;
    const items = alert.items ?? [];
    const sum = (pick: (entry: (typeof items)[number]) => { quantity?: number } | undefined): number =>
      items.reduce((total, entry) => {
        const picked = pick(entry);
        return picked === undefined ? total : total + quantity(picked.quantity);
      }, 0);
    for (const section of alert.area?.borderSections ?? []) {
      const totals = (this.totals.sections[section] ??= { alerts: 0, weapons: 0, rounds: 0, otherItems: 0 });
      totals.alerts += 1;
      totals.weapons += sum((entry) => entry.weapon);
      totals.rounds += sum((entry) => entry.ammunition);
      totals.otherItems += sum((entry) => entry.other);
    }
    this.totals.counted.push(item.id);
    // Saved before the module moves its cursor past this alert: a restart neither loses nor repeats it.
    await mkdir(dirname(this.file), { recursive: true });
    await writeFile(`${this.file}.tmp`, JSON.stringify(this.totals));
    await rename(`${this.file}.tmp`, this.file);
  }
}
