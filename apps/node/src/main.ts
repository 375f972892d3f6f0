import { createLogger, validateConfig } from '#runtime';
import { NodeConfig } from './config/node.config.js';
import { createNodeApp } from './node-app.js';

// Entry point of one agency node: config from the environment, then the app, then the HTTP port.
async function main(): Promise<void> {
  const config = validateConfig(NodeConfig);
  const logger = createLogger({ service: 'node', node: config.NODE_ID }, config.LOG_LEVEL);
  try {
    const app = await createNodeApp(config, logger);
    app.enableShutdownHooks(['SIGINT', 'SIGTERM']);
    await app.listen(config.HTTP_PORT, config.NODE_HTTP_HOST);
    const url = await app.getUrl();
    logger.info({ url, docs: `${url}/docs` }, 'ready');
  } catch (error) {
    logger.fatal({ err: error }, 'node failed to start');
    // A half-built app may hold reconnecting clients that would keep the process alive.
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  // Only a configuration error gets here: it is raised before the logger exists.
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
