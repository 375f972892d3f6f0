import { ConfigError, validateConfig } from '#runtime';
import { NodeConfig } from './node.config.js';

describe('NodeConfig', () => {
  const env = {
    NODE_ID: 'kz-border',
    NODE_SEED_FILE: '.data/keys/kz-border.nk',
    NODE_STORE_FILE: '.data/store/kz-border.sqlite',
    NODE_API_KEYS_FILE: '.data/secrets/kz-border/api-keys.json',
  };

  it('takes defaults for everything but the node id, seed file and store file', () => {
    const config = validateConfig(NodeConfig, env);
    expect(config).toMatchObject({
      NODE_ID: 'kz-border',
      NODE_SEED_FILE: '.data/keys/kz-border.nk',
      NODE_STORE_FILE: '.data/store/kz-border.sqlite',
      NODE_PUBLISH_WAIT_MS: 1500,
      NODE_DELIVERED_LINGER_MS: 50,
      NODE_DELIVERY_GATHER_MS: 20,
      HTTP_PORT: 3000,
      NATS_URL: 'tls://127.0.0.1:4222',
      REDIS_URL: 'redis://127.0.0.1:6379',
      NODE_HTTP_HOST: '127.0.0.1',
      NODE_OIDC_ROLES_CLAIM: 'roles',
      NODE_OIDC_CLEARANCE_CLAIM: 'clearance',
      NODE_OIDC_SUBJECT_CLAIM: 'sub',
    });
    expect(config.NODE_CORS_ORIGINS).toBeUndefined();
  });

  it('refuses a node that nobody could authenticate to', () => {
    const none = { ...env, NODE_API_KEYS_FILE: '' };
    expect(() => validateConfig(NodeConfig, none)).toThrow(
      /NODE_API_KEYS_FILE or NODE_OIDC_ISSUER must be set/,
    );
    expect(
      validateConfig(NodeConfig, {
        ...none,
        NODE_OIDC_ISSUER: 'https://idp.border.kz/realms/kz',
        NODE_OIDC_AUDIENCE: 'kz-border',
      }).NODE_OIDC_ISSUER,
    ).toBe('https://idp.border.kz/realms/kz');
  });

  it('checks the identity provider settings: https issuer (http on loopback only), audience, maps, algorithms', () => {
    const problems = (extra: Record<string, string>): string => {
      try {
        validateConfig(NodeConfig, { ...env, ...extra });
        return '';
      } catch (error) {
        return (error as ConfigError).problems.join('\n');
      }
    };
    expect(problems({ NODE_OIDC_ISSUER: 'http://idp.border.kz', NODE_OIDC_AUDIENCE: 'kz' })).toMatch(
      /NODE_OIDC_ISSUER/,
    );
    expect(problems({ NODE_OIDC_ISSUER: 'http://127.0.0.1:4000', NODE_OIDC_AUDIENCE: 'kz' })).toBe('');
    expect(problems({ NODE_OIDC_ISSUER: 'https://idp.border.kz' })).toMatch(/NODE_OIDC_AUDIENCE must be set/);
    expect(problems({ NODE_OIDC_ROLE_MAP: 'BL-Desk=author,BL-Boss=root' })).toMatch(/NODE_OIDC_ROLE_MAP/);
    expect(problems({ NODE_OIDC_CLEARANCE_MAP: 'SECRET=red,CONFIDENTIAL=amber-strict' })).toBe('');
    expect(problems({ NODE_OIDC_ALGORITHMS: 'RS256,none' })).toMatch(/NODE_OIDC_ALGORITHMS/);
    expect(problems({ NODE_OIDC_ALGORITHMS: 'HS256' })).toMatch(/NODE_OIDC_ALGORITHMS/);
    expect(problems({ NODE_TLS_CERT_FILE: 'cert.pem' })).toMatch(/NODE_TLS_KEY_FILE must be set/);
    expect(problems({ NODE_CORS_ORIGINS: 'https://desk.border.kz, http://127.0.0.1:5173' })).toBe('');
    expect(problems({ NODE_CORS_ORIGINS: '*' })).toMatch(/NODE_CORS_ORIGINS/);
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
