/** Where a command writes: standard output for results, standard error for diagnostics. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** The terminal a progress bar may draw on (standard error); absent: no bar. */
  progress?: NodeJS.WriteStream;
}
