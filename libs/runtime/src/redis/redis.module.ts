import {
  Module,
  type DynamicModule,
  type InjectionToken,
  type OptionalFactoryDependency,
} from '@nestjs/common';
import { createRedisClient } from './redis-client.js';
import { REDIS } from './redis-token.js';
import { RedisShutdownService } from './redis-shutdown.service.js';

/** Where the client connects. */
export interface RedisConnectionOptions {
  /** redis:// or rediss:// URL, credentials and database included. */
  url: string;
}

/** Connection options computed from other providers, typically the app's validated config. */
export interface RedisModuleFactory {
  useFactory: (...args: never[]) => RedisConnectionOptions | Promise<RedisConnectionOptions>;
  inject?: (InjectionToken | OptionalFactoryDependency)[];
}

/**
 * Provides one ioredis 5 client under the `REDIS` token to the whole application (global module),
 * and quits it on application shutdown (enable Nest's shutdown hooks for signals to reach it).
 *
 * ```ts
 * RedisModule.forRoot({ useFactory: (config: HubConfig) => ({ url: config.REDIS_URL }), inject: [HubConfig] })
 * ```
 */
@Module({})
export class RedisModule {
  static forRoot(options: RedisConnectionOptions | RedisModuleFactory): DynamicModule {
    const client =
      'useFactory' in options
        ? {
            provide: REDIS,
            useFactory: async (...args: never[]) =>
              createRedisClient((await options.useFactory(...args)).url),
            inject: options.inject ?? [],
          }
        : { provide: REDIS, useFactory: () => createRedisClient(options.url) };
    return {
      module: RedisModule,
      global: true,
      providers: [client, RedisShutdownService],
      exports: [REDIS],
    };
  }
}
