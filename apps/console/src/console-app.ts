import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { authenticatorOf } from '#operations';
import { PinoLoggerService } from '#runtime';
import type { Logger } from 'pino';
import { ConsoleConfig } from './config/console.config.js';
import { Clock } from './core/clock.js';
import { ConsoleModule } from './console.module.js';
import { hardenEdge } from './http/edge.js';
import { ConsoleErrorFilter } from './http/console-error.filter.js';

/** What a caller may set besides the config: the clock (tests move it). */
export interface ConsoleAppOptions {
  clock?: Clock;
}

/**
 * Builds and starts the console except for its HTTP listener: security headers, the refusal filter,
 * NATS as the operator user (the seed or credentials file), the heartbeat subscription. The caller
 * calls `listen` (on CONSOLE_HOST) and, when done, `close`.
 * Throws (RegistryError, NatsSourceError, connection errors) instead of exiting, so callers decide.
 */
export async function createConsoleApp(
  config: ConsoleConfig,
  logger: Logger,
  options: ConsoleAppOptions = {},
): Promise<INestApplication> {
  const authenticator = await authenticatorOf({
    ...(config.CONSOLE_NATS_SEED_FILE === undefined ? {} : { seed: config.CONSOLE_NATS_SEED_FILE }),
    ...(config.CONSOLE_NATS_CREDS_FILE === undefined ? {} : { creds: config.CONSOLE_NATS_CREDS_FILE }),
  });
  const app = await NestFactory.create<NestExpressApplication>(
    ConsoleModule.forRoot(config, logger, authenticator, options.clock),
    { logger: new PinoLoggerService(logger), abortOnError: false },
  );
  try {
    hardenEdge(app, config);
    app.useGlobalFilters(new ConsoleErrorFilter());
    app.enableShutdownHooks(['SIGINT', 'SIGTERM']);
    await app.init();
    return app;
  } catch (error) {
    await app.close();
    throw error;
  }
}
