import { Injectable } from '@nestjs/common';

/** Counts handled events and resolves a promise once the expected number arrived. */
@Injectable()
export class EventSink {
  private handled = 0;
  private expected = Number.POSITIVE_INFINITY;
  private resolveAll: (() => void) | undefined;

  /** Resolves once `count` events were handled in total. */
  expect(count: number): Promise<void> {
    this.expected = count;
    return new Promise((resolve) => {
      this.resolveAll = resolve;
      this.check();
    });
  }

  record(): void {
    this.handled += 1;
    this.check();
  }

  private check(): void {
    if (this.handled >= this.expected) this.resolveAll?.();
  }
}
