import { ConfigError, createLogger, validateConfig } from '#runtime';
import { HubConfig } from './config/hub.config.js';
import { bootstrapHub } from './bootstrap-hub.js';

// Only hosts are logged: URLs may carry credentials.
const hostOf = (url: string): string => new URL(url.trim()).host;

function readConfig(): HubConfig {
  try {
    return validateConfig(HubConfig);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger({ service: 'hub', node: config.HUB_ID }, config.LOG_LEVEL);
  try {
    const app = await bootstrapHub(config, logger);
    logger.info(
      {
        http: await app.getUrl(),
        nats: config.NATS_URL.split(',').map(hostOf),
        redis: hostOf(config.REDIS_URL),
      },
      'ready',
    );
  } catch (error) {
    logger.fatal({ err: error }, 'hub failed to start');
    process.exit(1);
  }
}

void main();
