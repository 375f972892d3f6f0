import { Injectable } from '@nestjs/common';
import type { HeldMessage } from '../common/held-message.js';
import { SectionIndexRepository } from './section-index.repository.js';
import { RequestIndexRepository } from './request-index.repository.js';
import { ThreadIndexRepository } from './thread-index.repository.js';
import { TraceIndexRepository } from './trace-index.repository.js';

/**
 * Files what this node holds, received (verified) or sent, in every index its views read: threads,
 * border sections (the picture), trace requests by seizure alert, and requests by side. Each index
 * is repeatable, so it is filed before the message is taken in or queued, and a crash between the
 * two loses nothing.
 */
@Injectable()
export class HeldIndexes {
  constructor(
    private readonly threads: ThreadIndexRepository,
    private readonly sections: SectionIndexRepository,
    private readonly traces: TraceIndexRepository,
    private readonly requests: RequestIndexRepository,
  ) {}

  async file(messages: readonly HeldMessage[]): Promise<void> {
    await Promise.all([
      this.threads.file(messages),
      this.sections.file(messages),
      this.traces.file(messages),
      this.requests.file(messages),
    ]);
  }
}
