import { ConfigError, validateConfig } from '#runtime';
import { NodeConfig } from './node.config.js';

describe('NodeConfig', () => {
  const env = { NODE_ID: 'kz-border', NODE_SEED_FILE: '.data/keys/kz-border.nk' };

  it('takes defaults for everything but the node id and seed file', () => {
    const config = validateConfig(NodeConfig, env);
    expect(config).toMatchObject({
      NODE_ID: 'kz-border',
      NODE_SEED_FILE: '.data/keys/kz-border.nk',
      HTTP_PORT: 3000,
      NATS_URL: 'nats://127.0.0.1:4222',
      REDIS_URL: 'redis://127.0.0.1:6379',
    });
  });

  it('reads the HTTP port as a number', () => {
    expect(validateConfig(NodeConfig, { ...env, HTTP_PORT: '0' }).HTTP_PORT).toBe(0);
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
      expect(problems).toMatch(/HTTP_PORT/);
    }
  });
});
