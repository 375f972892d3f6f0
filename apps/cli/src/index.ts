// Public entry of the `borderlink` CLI: all that tests, benchmarks and other packages may import.
// The CLI runs as a whole (runCli), or through the dead-letter use cases its `dlq` commands call.
export { runCli } from './program.js';
export type { CliIo } from './cli-io.js';
export {
  listDeadLetters,
  showDeadLetter,
  replayDeadLetter,
  replayDeadLetters,
  dropDeadLetter,
  type CheckedDeadLetter,
} from './dlq/dlq.service.js';
export type { DeadLetterSource } from './dlq/dead-letter-stream.repository.js';
export type { DeadLetterRecord } from './dlq/dead-letter-record.js';
export { DeadLetterNotFoundError } from './dlq/dlq.errors.js';
