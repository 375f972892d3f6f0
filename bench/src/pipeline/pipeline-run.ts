import { CpuAccount } from '../measure/cpu-time.js';
import type { BenchNats } from '../measure/private-servers.js';
import { AlertPublishers } from './alert-publishers.js';
import { BenchAlertFactory } from './bench-alerts.js';
import { PUBLISHERS, RECIPIENTS, LOAD_REGION } from './bench-registry.js';
import { BenchStack, type StartedApp } from './bench-stack.js';
import { InboxProbe } from './inbox-probe.js';
import type { BenchOptions } from '../options.js';

/** The B2/B3 topology running: hub, five recipients and five publishers, and the load tools on it. */
export interface PipelineTopology {
  stack: BenchStack;
  hub: StartedApp;
  /** The recipient started alone (its start-up time is not inflated by the others). */
  firstNode: StartedApp;
  /** Every node process, recipients then publishers. */
  nodes: StartedApp[];
  publishers: AlertPublishers;
  inbox: InboxProbe;
  /**
   * Starts counting CPU seconds of the hub, the recipients, the publishers, the bench driver,
   * nats-server and redis-server (and, by difference, the rest of the machine).
   */
  countCpu(): Promise<CpuAccount>;
  close(): Promise<void>;
}

/**
 * Starts the B2/B3 topology on a fresh private stack; `beforeApps` runs on the servers before any app
 * starts (the raw baseline, measured on a quiet machine). The publishing nodes run as processes too:
 * they take in the routing reports and receipts their alerts cause, as in the field.
 */
export async function startPipeline(
  options: BenchOptions,
  root: string,
  beforeApps: (nats: BenchNats) => Promise<void>,
): Promise<PipelineTopology> {
  const stack = await BenchStack.create({ root, logLevel: options.logLevel, profileDir: options.profileDir });
  try {
    await beforeApps(stack.servers.natsClient);
    const hub = await stack.startHub();
    const [firstNode] = await stack.startNodes(RECIPIENTS.slice(0, 1));
    const others = await stack.startNodes([...RECIPIENTS.slice(1), ...PUBLISHERS]);
    const signers = await Promise.all(PUBLISHERS.map(async (id) => ({ id, signer: await stack.signer(id) })));
    const factory = new BenchAlertFactory(root, LOAD_REGION);
    const publishers = await AlertPublishers.connect(stack.servers.natsClient, signers, factory);
    const inbox = new InboxProbe(stack.servers.redis.url);
    const nodes = [firstNode!, ...others];
    return {
      stack,
      hub,
      firstNode: firstNode!,
      nodes,
      publishers,
      inbox,
      countCpu: async () =>
        CpuAccount.begin({
          hub: [hub.app.pid!],
          recipients: nodes.slice(0, RECIPIENTS.length).map((node) => node.app.pid!),
          publishers: nodes.slice(RECIPIENTS.length).map((node) => node.app.pid!),
          bench: [process.pid],
          ...(await stack.serverPids()),
        }),
      close: async () => {
        await publishers.close();
        await inbox.close();
        await stack.stop();
      },
    };
  } catch (error) {
    await stack.stop();
    throw error;
  }
}
