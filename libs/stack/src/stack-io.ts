/** Where the stack reports: progress and results on `out`, warnings and failures on `err`. */
export interface StackIo {
  out(text: string): void;
  err(text: string): void;
}
