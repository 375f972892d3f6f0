import { createLogger, validateConfig } from '#runtime';
import { ConsoleConfig } from './config/console.config.js';
import { createConsoleApp } from './console-app.js';

// Entry point of the operations console: config from the environment, then the app, then the port.
async function main(): Promise<void> {
  const config = validateConfig(ConsoleConfig);
  const logger = createLogger({ service: 'console' }, config.LOG_LEVEL);
  try {
    const app = await createConsoleApp(config, logger);
    await app.listen(config.CONSOLE_PORT, config.CONSOLE_HOST);
    logger.info({ url: await app.getUrl() }, 'ready');
  } catch (error) {
    logger.fatal({ err: error }, 'console failed to start');
    // A half-built app may hold reconnecting clients that would keep the process alive.
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  // Only a configuration error gets here: it is raised before the logger exists.
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
