import { Module, type DynamicModule } from '@nestjs/common';
import { RegistryModule } from '#registry';
import { LOGGER } from '#runtime';
import type { Logger } from 'pino';
import { ConsoleConfig } from '../config/console.config.js';
import { Clock } from './clock.js';

/** What every console feature shares: the validated config, the logger, the registry (watched), the clock. */
@Module({})
export class ConsoleCoreModule {
  static forRoot(config: ConsoleConfig, logger: Logger, clock: Clock = new Clock()): DynamicModule {
    return {
      module: ConsoleCoreModule,
      global: true,
      imports: [RegistryModule.forRoot({ file: config.REGISTRY_FILE, logger })],
      providers: [
        { provide: ConsoleConfig, useValue: config },
        { provide: LOGGER, useValue: logger },
        { provide: Clock, useValue: clock },
      ],
      exports: [ConsoleConfig, LOGGER, Clock],
    };
  }
}
