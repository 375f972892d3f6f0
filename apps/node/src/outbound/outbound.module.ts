import { Module } from '@nestjs/common';
import { OutboundRepository } from './outbound.repository.js';

/** Signed publishing of what this node originates. */
@Module({
  providers: [OutboundRepository],
  exports: [OutboundRepository],
})
export class OutboundModule {}
