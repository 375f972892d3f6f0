import { ConfigError, validateConfig } from '#runtime';
import { NodeConfig } from './node.config.js';

describe('NodeConfig', () => {
  const env = {
    NODE_ID: 'kz-border',
    NODE_SEED_FILE: '.data/keys/kz-border.nk',
    NODE_STORE_FILE: '.data/store/kz-border.sqlite',
  };

  it('takes defaults for everything but the node id, seed file and store file', () => {
    const config = validateConfig(NodeConfig, env);
    expect(config).toMatchObject({
      NODE_ID: 'kz-border',
      NODE_SEED_FILE: '.data/keys/kz-border.nk',
      NODE_STORE_FILE: '.data/store/kz-border.sqlite',
      NODE_PUBLISH_WAIT_MS: 1500,
      HTTP_PORT: 3000,
      NATS_URL: 'tls://127.0.0.1:4222',
      REDIS_URL: 'redis://127.0.0.1:6379',
    });
  });

  it('reads the HTTP port and the publish wait as numbers', () => {
    expect(validateConfig(NodeConfig, { ...env, HTTP_PORT: '0' }).HTTP_PORT).toBe(0);
    expect(validateConfig(NodeConfig, { ...env, NODE_PUBLISH_WAIT_MS: '250' }).NODE_PUBLISH_WAIT_MS).toBe(
      250,
    );
  });

  it('names each missing or bad variable', () => {
    try {
      validateConfig(NodeConfig, { NODE_ID: 'KZ.border', HTTP_PORT: 'x' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/NODE_ID/);
      expect(problems).toMatch(/NODE_SEED_FILE/);
      expect(problems).toMatch(/NODE_STORE_FILE/);
      expect(problems).toMatch(/HTTP_PORT/);
    }
  });
});
