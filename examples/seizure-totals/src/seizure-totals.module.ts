import { join } from 'node:path';
import { Module, type DynamicModule } from '@nestjs/common';
import { BorderlinkClientModule, type BorderlinkClientModuleOptions } from '#client/nest';
import { SeizureTotalsService } from './seizure-totals.service.js';
import { SEIZURE_TOTALS_FILE } from './seizure-totals.tokens.js';
import { TotalsController } from './totals.controller.js';

/** The example's settings: its node and key, and the folder its totals and cursor are kept in. */
export interface SeizureTotalsConfig {
  url: string;
  apiKey: string;
  dataDir: string;
  source?: BorderlinkClientModuleOptions['source'];
}

@Module({})
export class SeizureTotalsModule {
  static forRoot(config: SeizureTotalsConfig): DynamicModule {
    return {
      module: SeizureTotalsModule,
      imports: [
        BorderlinkClientModule.forRoot({
          url: config.url,
          apiKey: config.apiKey,
          source: config.source ?? 'subscription',
          cursorFile: join(config.dataDir, 'cursor.json'),
        }),
      ],
      controllers: [TotalsController],
      providers: [
        SeizureTotalsService,
        { provide: SEIZURE_TOTALS_FILE, useValue: join(config.dataDir, 'totals.json') },
      ],
    };
  }
}
