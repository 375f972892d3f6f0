/** A recipient's state kept changing under a compare-and-set; the caller should retry later. */
export class StateContentionError extends Error {
  override readonly name = 'StateContentionError';

  constructor(id: string, recipient: string, options?: { cause?: unknown }) {
    super(`state of ${recipient} for message ${id} kept changing; giving up for now`, options);
  }
}
