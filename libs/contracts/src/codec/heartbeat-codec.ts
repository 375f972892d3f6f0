import { HeartbeatSchema, type Heartbeat } from '../gen/borderlink/v1/heartbeat_pb.js';
import { decodeBody, encodeBody } from './message-codec.js';

/**
 * The `Bl-Type` of a heartbeat (protocol 1.3). Signed like a message kind, but not one: a heartbeat
 * never enters a stream, so the hub's ingress refuses this type like any unknown one.
 */
export const HEARTBEAT_TYPE = 'heartbeat';

/** Reads a heartbeat's protobuf body. Throws DecodeError (OversizedBodyError past LIMITS.maxBodyBytes). */
export function decodeHeartbeat(bytes: Uint8Array): Heartbeat {
  return decodeBody(HeartbeatSchema, HEARTBEAT_TYPE, bytes);
}

/** Writes a heartbeat's protobuf body. Throws EncodeError past LIMITS.maxBodyBytes. */
export function encodeHeartbeat(heartbeat: Heartbeat): Uint8Array {
  return encodeBody(HeartbeatSchema, HEARTBEAT_TYPE, heartbeat);
}
