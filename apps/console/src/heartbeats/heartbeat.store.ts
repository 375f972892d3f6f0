import { Injectable } from '@nestjs/common';
import type { InstanceBeat } from './instance-beat.js';

// Processes kept per sender: a node restarted over and over must not grow the console's memory.
const INSTANCES_PER_SENDER = 16;

/**
 * The newest heartbeat of every process heard since the console started, in memory: the console is
 * stateless and rebuilds this view from the next beats after a restart.
 */
@Injectable()
export class HeartbeatStore {
  private readonly bySender = new Map<string, Map<string, InstanceBeat>>();

  /** Keeps `beat` as its process's newest; returns the one it replaces, if any. */
  put(beat: InstanceBeat): InstanceBeat | undefined {
    let instances = this.bySender.get(beat.sender);
    if (instances === undefined) this.bySender.set(beat.sender, (instances = new Map()));
    const previous = instances.get(beat.instance);
    // A beat overtaken on the way (core NATS keeps no order across reconnects) changes nothing.
    if (previous !== undefined && previous.sentAt > beat.sentAt) return previous;
    instances.delete(beat.instance);
    instances.set(beat.instance, beat);
    if (instances.size > INSTANCES_PER_SENDER) {
      const oldest = [...instances.values()].sort((a, b) => +a.receivedAt - +b.receivedAt)[0]!;
      instances.delete(oldest.instance);
    }
    return previous;
  }

  /** The processes of `sender`, most recently heard first. */
  instancesOf(sender: string): InstanceBeat[] {
    return [...(this.bySender.get(sender)?.values() ?? [])].sort((a, b) => +b.receivedAt - +a.receivedAt);
  }

  /** Every process heard. */
  all(): InstanceBeat[] {
    return [...this.bySender.values()].flatMap((instances) => [...instances.values()]);
  }
}
