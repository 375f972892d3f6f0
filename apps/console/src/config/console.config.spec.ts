import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, validateConfig } from '#runtime';
import { ConsoleConfig } from './console.config.js';

describe('ConsoleConfig', () => {
  const dir = mkdtempSync(join(tmpdir(), 'console-config-'));
  const seed = join(dir, 'operator.nk');
  writeFileSync(seed, 'SU…');

  it('takes the defaults: port 8090, the console audience, silence after three intervals', () => {
    const config = validateConfig(ConsoleConfig, {
      CONSOLE_OIDC_ISSUER: 'http://127.0.0.1:9000',
      CONSOLE_NATS_SEED_FILE: seed,
    });
    expect(config).toMatchObject({
      CONSOLE_PORT: 8090,
      CONSOLE_AUDIENCE: 'urn:borderlink:console',
      CONSOLE_METRICS_ACCESS: 'operator',
    });
    expect(config.CONSOLE_HEARTBEAT_SILENT_AFTER).toBeUndefined();
  });

  it('names the variables that are missing or wrong', () => {
    let error: unknown;
    try {
      validateConfig(ConsoleConfig, { CONSOLE_PORT: 'x', CONSOLE_NATS_MONITOR_URL: 'ftp://a' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const name of [
      'CONSOLE_OIDC_ISSUER',
      'CONSOLE_NATS_SEED_FILE',
      'CONSOLE_PORT',
      'CONSOLE_NATS_MONITOR_URL',
    ]) {
      expect(message).toContain(name);
    }
  });
});
