// Public entry of the `borderlink` CLI: all that tests, benchmarks and other packages may import.
// The CLI runs as a whole (runCli); the dead-letter use cases its `dlq` commands call are #operations'.
export { runCli } from './program.js';
export type { CliIo } from './cli-io.js';
