import { pino, type DestinationStream, type Logger } from 'pino';

/** Fields bound to every line a process logs. */
export interface LogBindings {
  /** The deployable: `hub`, `node`, `cli`, … */
  service: string;
  /** The process's own identity in the registry (the node id, or the hub id); omitted when it has none. */
  node?: string;
}

/**
 * Fields of a log line about one message. Together with the `node` base binding they make every such
 * line answer "which message, seen by which node": pass them as the first argument,
 * `logger.info({ msgId, sender }, 'routed')`, or bind them once with `logger.child({ msgId })`.
 * `sender` and `recipient` name the other party when it is not the logging node itself.
 */
export interface MessageLogFields {
  msgId: string;
  sender?: string;
  recipient?: string;
}

/**
 * A pino logger writing one JSON object per line (to stdout unless `destination` is given), with
 * `service` and `node` bound, the level as its name and the time in ISO 8601.
 *
 * @param level a pino level name (`info` unless given); pino throws on an unknown one.
 */
export function createLogger(bindings: LogBindings, level = 'info', destination?: DestinationStream): Logger {
  const base = bindings.node === undefined ? { service: bindings.service } : { ...bindings };
  const options = {
    level,
    base,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
  };
  return destination === undefined ? pino(options) : pino(options, destination);
}
