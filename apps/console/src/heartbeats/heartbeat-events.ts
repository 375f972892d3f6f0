import type { InstanceBeat } from './instance-beat.js';

/** Emitted for every verified heartbeat taken in, for the features that follow them (traffic). */
export const HEARTBEAT_RECEIVED = 'console.heartbeat.received';

export interface HeartbeatReceived {
  beat: InstanceBeat;
  /** The same process's heartbeat before it; undefined for its first since the console started. */
  previous?: InstanceBeat;
}
