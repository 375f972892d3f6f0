import { Module } from '@nestjs/common';
import { ThreadIndexRepository } from './thread-index.repository.js';

/** The thread index, filled by the inbox and by submission and read by the thread view. */
@Module({
  providers: [ThreadIndexRepository],
  exports: [ThreadIndexRepository],
})
export class ThreadIndexModule {}
