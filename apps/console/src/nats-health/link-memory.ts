/** A link as last looked at: up now, or cut since the first look that missed it. */
export interface RememberedLink<T> {
  link: T;
  connected: boolean;
  cutSince: Date | null;
}

/**
 * Links (leaf connections, routes) seen at any look since the console started: one that vanishes is
 * kept as cut since the look that first missed it, until it comes back. The console is stateless, so
 * a link already cut when it started is never known.
 */
export class LinkMemory<T> {
  private readonly links = new Map<string, RememberedLink<T>>();

  constructor(private readonly keyOf: (link: T) => string) {}

  /** Takes one look at the links up `now`, and returns every link known, up ones first. */
  look(up: readonly T[], now: Date): RememberedLink<T>[] {
    const seen = new Set<string>();
    for (const link of up) {
      const key = this.keyOf(link);
      seen.add(key);
      this.links.set(key, { link, connected: true, cutSince: null });
    }
    for (const [key, known] of this.links) {
      if (!seen.has(key) && known.connected)
        this.links.set(key, { ...known, connected: false, cutSince: now });
    }
    return [...this.links.values()].sort((a, b) => Number(b.connected) - Number(a.connected));
  }
}
