import { resolve } from 'node:path';
import { Module, type DynamicModule } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { BorderlinkClient } from '../borderlink-client.js';
import { BORDERLINK_OPTIONS, type BorderlinkClientModuleOptions } from './borderlink-client.options.js';
import { BORDERLINK_CURSOR_STORE, BorderlinkListener } from './borderlink-listener.service.js';
import { FileCursorStore } from './cursor.store.js';

const DEFAULT_CURSOR_FILE = '.borderlink/cursor.json';

/**
 * A Borderlink node for a NestJS service: `BorderlinkClient` to inject anywhere, and the
 * `@OnBorderlinkMessage` handlers of its providers fed from the node once the application starts.
 */
@Module({})
export class BorderlinkClientModule {
  static forRoot(options: BorderlinkClientModuleOptions): DynamicModule {
    const { apiKey, token } = options;
    if ((apiKey === undefined) === (token === undefined)) {
      throw new Error('BorderlinkClientModule.forRoot needs one of apiKey and token');
    }
    return {
      module: BorderlinkClientModule,
      global: true,
      imports: [DiscoveryModule],
      providers: [
        { provide: BORDERLINK_OPTIONS, useValue: options },
        {
          provide: BORDERLINK_CURSOR_STORE,
          useValue:
            options.cursorStore ?? new FileCursorStore(resolve(options.cursorFile ?? DEFAULT_CURSOR_FILE)),
        },
        {
          provide: BorderlinkClient,
          useValue: new BorderlinkClient({
            url: options.url,
            credentials: apiKey !== undefined ? { apiKey } : { token: token! },
          }),
        },
        BorderlinkListener,
      ],
      exports: [BorderlinkClient],
    };
  }
}
