import { Module } from '@nestjs/common';
import { WitnessController } from './witness.controller.js';
import { WitnessRepository } from './witness.repository.js';
import { WitnessService } from './witness.service.js';

/** The node's witness of the hub's audit chain: kept in its store, shown to auditors. */
@Module({
  controllers: [WitnessController],
  providers: [WitnessRepository, WitnessService],
  exports: [WitnessService],
})
export class WitnessModule {}
