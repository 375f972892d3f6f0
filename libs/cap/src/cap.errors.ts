import type { Violation } from '#contracts';

/**
 * A CAP document Borderlink does not take: not a valid CAP 1.2 document (the schema's reasons, field
 * `document`), or holding what has no Borderlink form (each by its CAP path, e.g. `alert/msgType`).
 */
export class CapRefusedError extends Error {
  override readonly name = 'CapRefusedError';

  constructor(readonly violations: readonly Violation[]) {
    super(`CAP document refused: ${violations.map((v) => `${v.field}: ${v.reason}`).join('; ')}`);
  }
}

/** An alert that has no CAP form as it stands (its export would not pass the CAP 1.2 schema). */
export class CapExportError extends Error {
  override readonly name = 'CapExportError';

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}
