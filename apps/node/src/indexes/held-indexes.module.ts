import { Module } from '@nestjs/common';
import { SectionIndexRepository } from './section-index.repository.js';
import { OwnAnswersRepository } from './own-answers.repository.js';
import { RequestIndexRepository } from './request-index.repository.js';
import { ThreadIndexRepository } from './thread-index.repository.js';
import { TraceIndexRepository } from './trace-index.repository.js';
import { HeldIndexes } from './held-indexes.service.js';

const INDEXES = [
  ThreadIndexRepository,
  SectionIndexRepository,
  TraceIndexRepository,
  RequestIndexRepository,
  OwnAnswersRepository,
  HeldIndexes,
];

/** The indexes over what the node holds, filled by the inbox and by submission, read by the views. */
@Module({
  providers: INDEXES,
  exports: INDEXES,
})
export class HeldIndexesModule {}
