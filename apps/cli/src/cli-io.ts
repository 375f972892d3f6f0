/** Where a command writes: standard output for results, standard error for diagnostics. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}
