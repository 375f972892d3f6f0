import {
  Module,
  type DynamicModule,
  type InjectionToken,
  type OptionalFactoryDependency,
} from '@nestjs/common';
import { createRedisClient } from './redis-client.js';
import { readRedisPassword } from './redis-credentials.js';
import { REDIS } from './redis-token.js';
import { RedisShutdownService } from './redis-shutdown.service.js';

/** Where the client connects, and as whom. */
export interface RedisConnectionOptions {
  /** redis:// or rediss:// URL, credentials and database included. */
  url: string;
  /**
   * A file holding the password of the URL's user (REDIS_PASSWORD_FILE), read once when the client is
   * made; the URL then carries the user name only.
   */
  passwordFile?: string;
}

// The URL the client connects to: the given one, with the password from the file when there is one.
async function connectionUrl({ url, passwordFile }: RedisConnectionOptions): Promise<string> {
  if (passwordFile === undefined) return url;
  const withPassword = new URL(url);
  withPassword.password = await readRedisPassword(passwordFile);
  return withPassword.toString();
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
 * RedisModule.forRoot({ url: config.REDIS_URL, passwordFile: config.REDIS_PASSWORD_FILE })
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
              createRedisClient(await connectionUrl(await options.useFactory(...args))),
            inject: options.inject ?? [],
          }
        : { provide: REDIS, useFactory: async () => createRedisClient(await connectionUrl(options)) };
    return {
      module: RedisModule,
      global: true,
      providers: [client, RedisShutdownService],
      exports: [REDIS],
    };
  }
}
