import { ConfigError, validateConfig } from '#runtime';
import { HubConfig } from './hub.config.js';

describe('HubConfig', () => {
  it('applies the hub defaults when only the seed file is given', () => {
    const config = validateConfig(HubConfig, { HUB_SEED_FILE: '.data/keys/hub.nk' });
    expect(config).toMatchObject({
      HUB_ID: 'hub',
      HUB_SEED_FILE: '.data/keys/hub.nk',
      HTTP_PORT: 8080,
      HUB_CONCURRENCY: 64,
      HUB_MAX_ATTEMPTS: 120,
      NATS_URL: 'tls://127.0.0.1:4222',
    });
  });

  it('reads numbers from the environment', () => {
    const config = validateConfig(HubConfig, {
      HUB_SEED_FILE: 'hub.nk',
      HTTP_PORT: '0',
      HUB_CONCURRENCY: '8',
    });
    expect(config).toMatchObject({ HTTP_PORT: 0, HUB_CONCURRENCY: 8 });
  });

  it('keeps one stream replica by default and takes up to five', () => {
    expect(validateConfig(HubConfig, { HUB_SEED_FILE: 'hub.nk' }).STREAM_REPLICAS).toBe(1);
    expect(validateConfig(HubConfig, { HUB_SEED_FILE: 'hub.nk', STREAM_REPLICAS: '3' }).STREAM_REPLICAS).toBe(
      3,
    );
    expect(() => validateConfig(HubConfig, { HUB_SEED_FILE: 'hub.nk', STREAM_REPLICAS: '6' })).toThrow(
      /STREAM_REPLICAS/,
    );
  });

  it('names every bad variable, the missing seed file included', () => {
    let error: unknown;
    try {
      validateConfig(HubConfig, { HUB_ID: 'Hub One', HUB_CONCURRENCY: '0' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const variable of ['HUB_SEED_FILE', 'HUB_ID', 'HUB_CONCURRENCY'])
      expect(problems).toContain(variable);
  });
});
