import { IsNotEmpty, IsString } from 'class-validator';
import { fileURLToPath } from 'node:url';
import { BaseConfig, natsTlsOf } from './base.config.js';
import { ConfigError } from './config.errors.js';
import { validateConfig } from './validate-config.js';

class AppConfig extends BaseConfig {
  @IsString()
  @IsNotEmpty()
  NODE_ID: string;

  override HTTP_PORT = 8080;
}

function problemsFor(env: NodeJS.ProcessEnv): readonly string[] {
  try {
    validateConfig(AppConfig, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('validateConfig', () => {
  it('applies the defaults when only the required variables are set', () => {
    const config = validateConfig(AppConfig, { NODE_ID: 'kz-border' });

    expect(config).toBeInstanceOf(AppConfig);
    expect({ ...config }).toEqual({
      NATS_URL: 'tls://127.0.0.1:4222',
      REDIS_URL: 'redis://127.0.0.1:6379',
      REGISTRY_FILE: '.data/registry.yaml',
      LOG_LEVEL: 'info',
      HTTP_PORT: 8080,
      NODE_ID: 'kz-border',
    });
  });

  it('reads each variable from the environment, converting HTTP_PORT to a number', () => {
    const config = validateConfig(AppConfig, {
      NATS_URL: 'nats://a.example:4222, tls://b.example:4222',
      REDIS_URL: 'rediss://:secret@redis.example:6380/2',
      REGISTRY_FILE: '/etc/borderlink/registry.yaml',
      LOG_LEVEL: 'debug',
      HTTP_PORT: '3100',
      NODE_ID: 'tj-border',
    });

    expect(config.NATS_URL).toBe('nats://a.example:4222, tls://b.example:4222');
    expect(config.REDIS_URL).toBe('rediss://:secret@redis.example:6380/2');
    expect(config.REGISTRY_FILE).toBe('/etc/borderlink/registry.yaml');
    expect(config.LOG_LEVEL).toBe('debug');
    expect(config.HTTP_PORT).toBe(3100);
    expect(config.NODE_ID).toBe('tj-border');
  });

  it('keeps only the variables the class declares and freezes the result', () => {
    const config = validateConfig(AppConfig, { NODE_ID: 'kz-border', PATH: '/usr/bin' });

    expect(config).not.toHaveProperty('PATH');
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('treats an empty variable as unset', () => {
    expect(validateConfig(AppConfig, { NODE_ID: 'kz-border', LOG_LEVEL: '' }).LOG_LEVEL).toBe('info');
  });

  it.each([
    [
      'NATS_URL',
      'http://127.0.0.1:4222',
      'NATS_URL must be a comma-separated list of nats:// or tls:// URLs',
    ],
    [
      'NATS_URL',
      'nats://a:4222,not a url',
      'NATS_URL must be a comma-separated list of nats:// or tls:// URLs',
    ],
    ['REDIS_URL', 'localhost:6379', 'REDIS_URL must be a redis:// or rediss:// URL'],
    ['LOG_LEVEL', 'loud', 'LOG_LEVEL must be one of the following values: '],
    ['HTTP_PORT', 'eighty', 'HTTP_PORT must be an integer number'],
    ['HTTP_PORT', '70000', 'HTTP_PORT must not be greater than 65535'],
    ['HTTP_PORT', '-1', 'HTTP_PORT must not be less than 0'],
  ])('names %s when it is %j', (name, value, expected) => {
    const problems = problemsFor({ NODE_ID: 'kz-border', [name]: value });

    expect(problems).toContainEqual(expect.stringContaining(expected));
    expect(problems.every((problem) => problem.startsWith(`${name} `))).toBe(true);
  });

  it('takes the Redis password from a file for the user REDIS_URL names', () => {
    const config = validateConfig(AppConfig, {
      NODE_ID: 'kz-border',
      REDIS_URL: 'redis://kz-border@redis:6379',
      REDIS_PASSWORD_FILE: '/run/borderlink/secrets/redis.pass',
    });

    expect(config.REDIS_PASSWORD_FILE).toBe('/run/borderlink/secrets/redis.pass');
  });

  it.each([
    ['names no user', 'redis://redis:6379'],
    ['carries a password too', 'redis://kz-border:secret@redis:6379'],
  ])('refuses REDIS_PASSWORD_FILE when REDIS_URL %s', (_, url) => {
    const problems = problemsFor({ NODE_ID: 'kz-border', REDIS_URL: url, REDIS_PASSWORD_FILE: '/p' });

    expect(problems).toEqual([expect.stringMatching(/^REDIS_PASSWORD_FILE must name a file, and REDIS_URL/)]);
    expect(problems.join()).not.toContain('secret');
  });

  it('names a variable the app requires and the environment lacks', () => {
    expect([...problemsFor({})].sort()).toEqual(['NODE_ID must be a string', 'NODE_ID should not be empty']);
  });

  it('lists every bad variable at once, without their values', () => {
    let caught: unknown;
    try {
      validateConfig(AppConfig, { NATS_URL: 'http://user:hunter2@x', HTTP_PORT: 'x', NODE_ID: 'kz-border' });
    } catch (error) {
      caught = error;
    }

    expect(caught).toBeInstanceOf(ConfigError);
    const error = caught as ConfigError;
    expect(error.name).toBe('ConfigError');
    expect(error.message).toMatch(/NATS_URL must be/);
    expect(error.message).toMatch(/HTTP_PORT must be an integer number/);
    expect(error.message).not.toContain('hunter2');
    expect(error.cause).toEqual(expect.any(Array));
  });

  it("takes the NATS connection's CA and client certificate as readable files, the certificate with its key", () => {
    const file = fileURLToPath(import.meta.url);
    const config = validateConfig(AppConfig, {
      NODE_ID: 'kz-border',
      NATS_CA_FILE: file,
      NATS_CERT_FILE: file,
      NATS_KEY_FILE: file,
    });
    expect(natsTlsOf(config)).toEqual({ caFile: file, certFile: file, keyFile: file });
    expect(natsTlsOf(validateConfig(AppConfig, { NODE_ID: 'kz-border' }))).toEqual({});
    expect(problemsFor({ NODE_ID: 'kz-border', NATS_CA_FILE: '/no/such/ca.pem' })).toEqual([
      'NATS_CA_FILE must name a readable file',
    ]);
    expect(problemsFor({ NODE_ID: 'kz-border', NATS_CERT_FILE: file })).toEqual([
      'NATS_KEY_FILE must name a readable file (it goes with NATS_CERT_FILE)',
    ]);
  });

  it('requires HTTP_PORT from an app that gives it no default', () => {
    expect(() => validateConfig(BaseConfig, {})).toThrow(/HTTP_PORT must be an integer number/);
    expect(validateConfig(BaseConfig, { HTTP_PORT: '0' }).HTTP_PORT).toBe(0);
  });
});
