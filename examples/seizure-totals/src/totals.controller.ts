import { Controller, Get } from '@nestjs/common';
import { SeizureTotalsService, type SectionTotals } from './seizure-totals.service.js';

@Controller('totals')
export class TotalsController {
  constructor(private readonly totals: SeizureTotalsService) {}

  /** The seizure totals per border section: `{"tj-af-panj": {"alerts", "weapons", "rounds", "otherItems"}}`. */
  @Get()
  current(): Record<string, SectionTotals> {
    return this.totals.current();
  }
}
