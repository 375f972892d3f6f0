import { Injectable } from '@nestjs/common';
import type { AuditCheckpoint } from '#contracts';
import { RegistryIndex, hubKeysOf } from '#registry';
import {
  SignatureVerifier,
  checkpointFault,
  checkpointRecordOf,
  statementRecordOf,
  type HubKeys,
  type SignedStatement,
  type WitnessRecords,
} from '#trust';
import { NodeConfig } from '../config/node.config.js';
import { CheckpointRefused } from './witness.errors.js';
import { WitnessRepository } from './witness.repository.js';

/** Most statements one answer holds; the rest are paged with `since`. */
export const WITNESS_PAGE_MAX = 10_000;

/**
 * This node's witness of the hub's audit chain: it keeps the hub's statement on every delivery it
 * takes (each names the audit entry of its decision) and every checkpoint the hub sends it, and shows
 * them, so that `borderlink audit verify --witness` can prove the hub's chain against them: a chain
 * rewritten, or cut even after its last checkpoint, no longer matches what the nodes hold.
 */
@Injectable()
export class WitnessService {
  private readonly hubs: HubKeys;

  constructor(
    private readonly repository: WitnessRepository,
    private readonly config: NodeConfig,
    registry: RegistryIndex,
    verifier: SignatureVerifier,
  ) {
    this.hubs = hubKeysOf(registry, verifier);
  }

  /** Keeps a statement the deliveries verified. */
  keepStatement(statement: SignedStatement): void {
    this.repository.keepStatement(statementRecordOf(statement));
  }

  /**
   * Keeps a checkpoint or rollover the hub sent, once its own signature holds under a hub key valid at
   * its time. Throws CheckpointRefused otherwise.
   */
  keepCheckpoint(checkpoint: AuditCheckpoint): void {
    const entry = checkpoint.entry;
    if (entry === undefined)
      throw new CheckpointRefused('checkpoint-missing', `${checkpoint.id} carries no entry`);
    const fault = checkpointFault(entry, this.hubs);
    if (fault) throw new CheckpointRefused(fault.problem, `${checkpoint.id}: ${fault.detail}`);
    this.repository.keepCheckpoint(checkpointRecordOf(entry));
  }

  /**
   * What this node holds: every checkpoint, and the statements of positions after `since` (by default
   * from the newest checkpoint held: the entries no checkpoint it holds covers), at most `limit`.
   */
  records(since: bigint | undefined, limit: number): WitnessRecords {
    const after = since === undefined ? Math.max(this.repository.newestCheckpoint() - 1, 0) : Number(since);
    const page = this.repository.statements(after, limit + 1);
    const statements = page.slice(0, limit);
    const more = page.length > limit;
    return {
      node: this.config.NODE_ID,
      checkpoints: this.repository.checkpoints(),
      statements,
      ...(more ? { next: statements.at(-1)!.position } : {}),
    };
  }
}
