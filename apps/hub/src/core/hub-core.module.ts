import { readFileSync } from 'node:fs';
import { Module, type DynamicModule } from '@nestjs/common';
import { RegistryIndex, RegistryModule } from '#registry';
import { LOGGER } from '#runtime';
import { NodeSigner } from '#trust';
import type { Logger } from 'pino';
import { HubConfig } from '../config/hub.config.js';
import { HubKeyError } from './core.errors.js';

function loadHubSigner(seedFile: string): NodeSigner {
  let seed: string;
  try {
    seed = readFileSync(seedFile, 'utf8').trim();
  } catch (error) {
    throw new HubKeyError(`cannot read HUB_SEED_FILE ${seedFile}`, { cause: error });
  }
  try {
    return NodeSigner.fromSeed(seed);
  } catch (error) {
    throw new HubKeyError(`HUB_SEED_FILE ${seedFile} does not hold an nkey user seed`, { cause: error });
  }
}

// Nodes verify the hub's rejections and routing reports against the registry, so a key the
// registry does not list is worth a loud warning, though not a refusal to start.
function checkEnrolment(
  registry: RegistryIndex,
  config: HubConfig,
  signer: NodeSigner,
  logger: Logger,
): void {
  if (!registry.publicKeys(config.HUB_ID).includes(signer.publicKey)) {
    logger.warn(
      { node: config.HUB_ID, key: signer.publicKey },
      'the hub key is not enrolled in the registry: nodes will not be able to verify what the hub signs',
    );
  }
}

/**
 * What every hub feature shares: the validated config, the logger, the registry (watched for changes)
 * with its signature verifier, and the hub's own signer.
 */
@Module({})
export class HubCoreModule {
  static forRoot(config: HubConfig, logger: Logger): DynamicModule {
    return {
      module: HubCoreModule,
      global: true,
      imports: [
        RegistryModule.forRoot({ file: config.REGISTRY_FILE, pollMs: config.HUB_REGISTRY_POLL_MS, logger }),
      ],
      providers: [
        { provide: HubConfig, useValue: config },
        { provide: LOGGER, useValue: logger },
        {
          provide: NodeSigner,
          useFactory: (registry: RegistryIndex) => {
            const signer = loadHubSigner(config.HUB_SEED_FILE);
            checkEnrolment(registry, config, signer, logger);
            return signer;
          },
          inject: [RegistryIndex],
        },
      ],
      exports: [HubConfig, LOGGER, NodeSigner],
    };
  }
}
