import { Module, type DynamicModule } from '@nestjs/common';
import { SignatureVerifier } from '#trust';
import { signatureVerifierOf } from './registry-verifiers.js';
import type { Logger } from 'pino';
import { RegistryFileWatcher } from './registry-file-watcher.js';
import { RegistryIndex } from './registry-index.js';
import { loadRegistry } from './registry-file.js';

export interface RegistryModuleOptions {
  /** The registry file, watched for changes. */
  file: string;
  /** The index already loaded from `file` (an app that checks its own key first); loaded here when absent. */
  index?: RegistryIndex;
  /** How often the file is checked for changes, in ms. */
  pollMs?: number;
  logger: Logger;
}

/**
 * The registry for a whole app (global, registered once by the root module): the RegistryIndex, kept in
 * step with its file so that key rotations, revocations and new nodes take effect without a restart,
 * and the SignatureVerifier that checks messages against the keys it lists.
 */
@Module({})
export class RegistryModule {
  static forRoot(options: RegistryModuleOptions): DynamicModule {
    const { file, logger } = options;
    return {
      module: RegistryModule,
      global: true,
      providers: [
        { provide: RegistryIndex, useFactory: () => options.index ?? new RegistryIndex(loadRegistry(file)) },
        {
          provide: RegistryFileWatcher,
          useFactory: (registry: RegistryIndex) =>
            new RegistryFileWatcher(file, registry, {
              ...(options.pollMs === undefined ? {} : { pollMs: options.pollMs }),
              onReload: (path) => logger.info({ registry: path }, 'registry reloaded'),
              onRefused: (error) =>
                logger.error(
                  { err: error, problems: error.problems },
                  'registry change refused; old one kept',
                ),
            }),
          inject: [RegistryIndex],
        },
        {
          provide: SignatureVerifier,
          useFactory: (registry: RegistryIndex) => signatureVerifierOf(registry),
          inject: [RegistryIndex],
        },
      ],
      exports: [RegistryIndex, SignatureVerifier],
    };
  }
}
