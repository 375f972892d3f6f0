import type { AuditChainBreak } from '#trust';

/** Verification found the chain broken; the message names the first broken entry (the CLI's exit code 1). */
export class AuditChainBrokenError extends Error {
  override readonly name = 'AuditChainBrokenError';
  /** The first break: its stream sequence, problem and detail. */
  readonly broken: AuditChainBreak;
  /** How many entries verified before it. */
  readonly verified: number;

  constructor(message: string, options: { broken: AuditChainBreak; verified: number; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.broken = options.broken;
    this.verified = options.verified;
  }
}

/** A node's witness (`--witness <url>`) could not be read: unreachable, or not what a node answers. Exit code 1. */
export class WitnessUnavailableError extends Error {
  override readonly name = 'WitnessUnavailableError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
