import { Module } from '@nestjs/common';
import { DeadLetterMetrics } from './dead-letter.metrics.js';
import { DeadLetterRepository } from './dead-letter.repository.js';
import { DeadLetterStore } from './dead-letter.store.js';
import { DeadLettersHandler } from './dead-letters.handler.js';
import { DeadLettersService } from './dead-letters.service.js';

/** Dead letters from the server's consumer advisories, and their metrics. */
@Module({
  controllers: [DeadLettersHandler],
  providers: [
    DeadLettersService,
    DeadLetterMetrics,
    { provide: DeadLetterStore, useClass: DeadLetterRepository },
  ],
  exports: [DeadLetterMetrics],
})
export class DeadLettersModule {}
