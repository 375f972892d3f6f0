// A site's link to the hub as a loopback TCP relay, so that a test can cut only the link (both
// servers keep running, the site's leaf server loses its connection and cannot make a new one), or
// see the bytes that cross it, as anyone on the path could.
import { createServer, connect, type Server, type Socket } from 'node:net';

/** A relay from its own loopback port to `target` (`host:port`), which can be cut and restored. */
export class LeafLink {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private isCut = false;
  private port = 0;

  /** Every byte relayed so far, both ways, when recording. */
  private readonly seen: Buffer[] = [];

  private constructor(
    private readonly host: string,
    private readonly targetPort: number,
    private readonly record: boolean,
  ) {
    this.server = createServer((inbound) => this.relay(inbound));
  }

  /**
   * Listens on a free loopback port and relays each connection to `target`; with `record`, keeps
   * what crosses for {@link crossed}.
   */
  static async open(target: string, options: { record?: boolean } = {}): Promise<LeafLink> {
    const [host, port] = target.split(':') as [string, string];
    const link = new LeafLink(host, Number(port), options.record === true);
    await new Promise<void>((resolve, reject) => {
      link.server.once('error', reject);
      link.server.listen(0, '127.0.0.1', resolve);
    });
    link.port = (link.server.address() as { port: number }).port;
    return link;
  }

  /** `127.0.0.1:<port>` to dial instead of the target. */
  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** Drops every relayed connection and refuses new ones until {@link restore}. */
  cut(): void {
    this.isCut = true;
    for (const socket of this.sockets) socket.destroy();
  }

  /** Relays new connections again. */
  restore(): void {
    this.isCut = false;
  }

  /** What crossed the link so far, both ways, as one buffer. */
  crossed(): Buffer {
    return Buffer.concat(this.seen);
  }

  /** Stops listening and drops every connection. */
  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private relay(inbound: Socket): void {
    if (this.isCut) {
      inbound.destroy();
      return;
    }
    const outbound = connect(this.targetPort, this.host);
    for (const [socket, other] of [
      [inbound, outbound],
      [outbound, inbound],
    ] as const) {
      this.sockets.add(socket);
      // Either side ending or failing ends the pair, as a broken link would.
      socket.on('error', () => other.destroy());
      socket.on('close', () => {
        this.sockets.delete(socket);
        other.destroy();
      });
    }
    if (this.record)
      for (const socket of [inbound, outbound]) socket.on('data', (chunk: Buffer) => this.seen.push(chunk));
    inbound.pipe(outbound);
    outbound.pipe(inbound);
  }
}
