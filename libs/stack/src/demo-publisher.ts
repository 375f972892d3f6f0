import type { StackIo } from './stack-io.js';
import type { DemoMessage, DemoMessageGenerator } from './demo-messages.js';

/** Pause between two messages of the demo stream. */
export const DEMO_INTERVAL_MS = 2_000;
const REQUEST_TIMEOUT_MS = 10_000;

/** The node's answer to an accepted message (202). */
interface Accepted {
  id: string;
}

/**
 * Posts the demo stream through the nodes' REST APIs, one message per interval, and prints one line
 * per accepted message with its id (refusals and failures go to stderr; the stream goes on).
 */
export class DemoPublisher {
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly generator: DemoMessageGenerator,
    /** Each running node's URL, and the API key its messages are posted with. */
    private readonly nodes: ReadonlyMap<string, { url: string; apiKey: string }>,
    private readonly io: StackIo,
    private readonly intervalMs = DEMO_INTERVAL_MS,
  ) {}

  /** Publishes the first message now and the next ones every interval, until `stop()`. */
  start(): void {
    this.tick();
  }

  /** Stops the stream and waits for a message being posted. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.inFlight;
  }

  // The next post is scheduled after this one ends, so a slow node never piles requests up.
  private tick(): void {
    this.inFlight = this.publish(this.generator.next()).finally(() => {
      if (!this.stopped) this.timer = setTimeout(() => this.tick(), this.intervalMs);
    });
  }

  private async publish(message: DemoMessage): Promise<void> {
    const what = `${message.kind} from ${message.sender}`;
    const node = this.nodes.get(message.sender);
    if (node === undefined) {
      this.io.err(`demo: ${what} skipped: the node is not running\n`);
      return;
    }
    try {
      const response = await fetch(`${node.url}/v1/${message.kind}s`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${node.apiKey}` },
        body: JSON.stringify(message.body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const text = await response.text();
      if (response.status !== 202) {
        this.io.err(`demo: ${what} refused (${response.status}): ${text}\n`);
        return;
      }
      const { id } = JSON.parse(text) as Accepted;
      this.io.out(
        `${message.kind.padEnd(6)} ${id}  ${message.sender} → ${message.audience}  ${message.headline}\n`,
      );
    } catch (error) {
      this.io.err(`demo: ${what} failed: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
}
