import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { ConsumerLagFigures } from '#contracts';
import { ConsoleConfig } from '../config/console.config.js';
import { Clock } from '../core/clock.js';
import { HEARTBEAT_RECEIVED, type HeartbeatReceived } from './heartbeat-events.js';
import { HeartbeatStore } from './heartbeat.store.js';
import type { InstanceBeat } from './instance-beat.js';
import { instanceStatus, type InstanceStatus } from './presence.js';

/** A consumer's backlog from the freshest heartbeat that reports it, and who reported it. */
export interface ReportedLag extends ConsumerLagFigures {
  reportedBy: string;
  at: Date;
}

/**
 * The console's view of the network's processes from their heartbeats: takes in each verified beat
 * (announcing it), and answers how each process stands now and what the freshest reports say.
 */
@Injectable()
export class HeartbeatsService {
  constructor(
    private readonly store: HeartbeatStore,
    private readonly clock: Clock,
    private readonly config: ConsoleConfig,
    private readonly events: EventEmitter2,
  ) {}

  take(beat: InstanceBeat): void {
    const previous = this.store.put(beat);
    // The store kept a newer beat of the process: this one arrived late and says nothing new.
    if (previous !== undefined && previous.sentAt > beat.sentAt) return;
    const event: HeartbeatReceived = { beat, ...(previous === undefined ? {} : { previous }) };
    this.events.emit(HEARTBEAT_RECEIVED, event);
  }

  instancesOf(sender: string): InstanceBeat[] {
    return this.store.instancesOf(sender);
  }

  all(): InstanceBeat[] {
    return this.store.all();
  }

  /** Milliseconds since `beat` was received, by the console's clock. */
  ageMs(beat: InstanceBeat): number {
    return Math.max(0, this.clock.now().getTime() - beat.receivedAt.getTime());
  }

  status(beat: InstanceBeat): InstanceStatus {
    return instanceStatus(this.ageMs(beat), beat.intervalMs, this.config.CONSOLE_HEARTBEAT_SILENT_AFTER);
  }

  /**
   * Every consumer's backlog from the freshest heartbeat reporting it: the hub reports every node's
   * delivery consumer, so a stopped node's pending still shows, and grows.
   */
  freshestLags(): ReportedLag[] {
    const freshest = new Map<string, ReportedLag>();
    for (const beat of this.store.all()) {
      for (const lag of beat.consumers) {
        const known = freshest.get(lag.consumer);
        if (known === undefined || known.at < beat.receivedAt) {
          freshest.set(lag.consumer, { ...lag, reportedBy: beat.sender, at: beat.receivedAt });
        }
      }
    }
    return [...freshest.values()];
  }
}
