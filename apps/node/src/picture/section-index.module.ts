import { Module } from '@nestjs/common';
import { SectionIndexRepository } from './section-index.repository.js';

/** The section index, filled by the inbox and by submission and read by the picture. */
@Module({
  providers: [SectionIndexRepository],
  exports: [SectionIndexRepository],
})
export class SectionIndexModule {}
