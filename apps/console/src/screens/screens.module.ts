import { resolve } from 'node:path';
import { Module, type DynamicModule } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import type { ConsoleConfig } from '../config/console.config.js';
import { ScreensConfigController } from './screens-config.controller.js';

// Paths the screens never answer: the API, metrics, health and the screens' config.
const NOT_SCREENS = /^\/(v1|metrics|healthz|config\.json)(\/|$)/;

/**
 * The operators' screens (apps/console-web, built into CONSOLE_WEB_DIR) at `/`, any other path
 * answered with its index.html so the single-page app routes it; open to all, as they hold no data.
 */
@Module({})
export class ScreensModule {
  static forRoot(config: ConsoleConfig): DynamicModule {
    return {
      module: ScreensModule,
      imports: [
        ServeStaticModule.forRoot({ rootPath: resolve(config.CONSOLE_WEB_DIR), exclude: NOT_SCREENS }),
      ],
      controllers: [ScreensConfigController],
    };
  }
}
