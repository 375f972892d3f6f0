import { Module } from '@nestjs/common';
import { SectionIndexRepository } from '../picture/section-index.repository.js';
import { OwnAnswersRepository } from '../requests/own-answers.repository.js';
import { RequestIndexRepository } from '../requests/request-index.repository.js';
import { ThreadIndexRepository } from '../threads/thread-index.repository.js';
import { TraceIndexRepository } from '../traces/trace-index.repository.js';
import { HeldIndexes } from './held-indexes.service.js';

/** The indexes over what the node holds, filled by the inbox and by submission, read by the views. */
@Module({
  providers: [
    ThreadIndexRepository,
    SectionIndexRepository,
    TraceIndexRepository,
    RequestIndexRepository,
    OwnAnswersRepository,
    HeldIndexes,
  ],
  exports: [
    ThreadIndexRepository,
    SectionIndexRepository,
    TraceIndexRepository,
    RequestIndexRepository,
    OwnAnswersRepository,
    HeldIndexes,
  ],
})
export class HeldIndexesModule {}
