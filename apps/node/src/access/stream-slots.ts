import { TooManyRequestsError } from './access.errors.js';

/**
 * Counts the live streams open on this instance, in total and per principal, against their caps.
 * `acquire` takes a slot or refuses; the returned function gives it back (once, however often called).
 */
export class StreamSlots {
  private total = 0;
  private readonly held = new Map<string, number>();

  constructor(
    private readonly perIdentity: number,
    private readonly overall: number,
  ) {}

  /** @throws TooManyRequestsError when the principal or the instance is at its cap. */
  acquire(principalId: string): () => void {
    const mine = this.held.get(principalId) ?? 0;
    if (mine >= this.perIdentity) {
      throw new TooManyRequestsError(`at most ${this.perIdentity} live streams per identity`);
    }
    if (this.total >= this.overall)
      throw new TooManyRequestsError('the node serves no more live streams now');
    this.held.set(principalId, mine + 1);
    this.total++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.total--;
      const left = (this.held.get(principalId) ?? 1) - 1;
      if (left === 0) this.held.delete(principalId);
      else this.held.set(principalId, left);
    };
  }
}
