// An operator's view of heartbeats (protocol 1.3): everything its subscription to `bl.hb.>` receives,
// and each heartbeat read as a receiver must, believed against the registry.
import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import { HEARTBEAT_WILDCARD, type Heartbeat } from '#contracts';
import { hubKeysOf, validationContextOf, type RegistryIndex } from '#registry';
import { waitFor } from '#testing';
import { openHeartbeat } from '#trust';

/** Every heartbeat an operator's connection receives from the moment it is made (flush the connection first). */
export class HeartbeatWatch {
  readonly received: Msg[] = [];
  private readonly subscription: Subscription;

  constructor(operator: NatsConnection) {
    this.subscription = operator.subscribe(HEARTBEAT_WILDCARD, {
      callback: (error, msg) => {
        if (error === null) this.received.push(msg);
      },
    });
  }

  /** The first heartbeat received that `matches`, once there. */
  first(matches: (msg: Msg) => boolean, what: string, timeoutMs = 15_000): Promise<Msg> {
    return waitFor(() => this.received.find(matches), { what, timeoutMs });
  }

  stop(): void {
    this.subscription.unsubscribe();
  }
}

/** The heartbeat `msg` carries, believed against `registry` now; throws HeartbeatError otherwise. */
export function believedHeartbeat(msg: Msg, registry: RegistryIndex): Heartbeat {
  const context = validationContextOf(registry, new Date());
  const header = (name: string) => msg.headers?.get(name) || undefined;
  return openHeartbeat(msg.subject, header, msg.data, hubKeysOf(registry), context).heartbeat;
}
