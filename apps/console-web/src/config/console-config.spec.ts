import { ConsoleConfigError, loadConsoleConfig, parseConsoleConfig } from './console-config.js';

const good = {
  issuer: 'http://127.0.0.1:3900',
  clientId: 'borderlink-console',
  audience: 'urn:borderlink:console',
};

describe('parseConsoleConfig', () => {
  it('takes the issuer, client and audience, and nothing else', () => {
    expect(parseConsoleConfig({ ...good, extra: 'ignored' })).toEqual(good);
  });

  it('takes them under signIn too, as a node tells its desk', () => {
    expect(parseConsoleConfig({ signIn: good })).toEqual(good);
  });

  it('names the field that is missing', () => {
    expect(() => parseConsoleConfig({ ...good, clientId: '' })).toThrow('/config.json has no clientId');
    expect(() => parseConsoleConfig({ issuer: good.issuer, clientId: 'x' })).toThrow(ConsoleConfigError);
    expect(() => parseConsoleConfig(null)).toThrow(ConsoleConfigError);
  });

  it('refuses an issuer that is not a URL', () => {
    expect(() => parseConsoleConfig({ ...good, issuer: 'idp.local' })).toThrow(/issuer/);
  });
});

describe('loadConsoleConfig', () => {
  it('reads /config.json and refuses an error answer', async () => {
    const asked: string[] = [];
    const config = await loadConsoleConfig(async (input) => {
      asked.push(input);
      return new Response(JSON.stringify(good), { headers: { 'content-type': 'application/json' } });
    });
    expect(asked).toEqual(['/config.json']);
    expect(config.audience).toBe('urn:borderlink:console');
    await expect(loadConsoleConfig(async () => new Response('nope', { status: 404 }))).rejects.toThrow(
      ConsoleConfigError,
    );
  });
});
