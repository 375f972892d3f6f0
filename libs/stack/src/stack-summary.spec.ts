import { renderStackAccess, renderStackTable, stackFileContent, type StackSummary } from './stack-summary.js';

const login = (user: string, roles: string[], clearance: string) => ({
  user,
  password: 'pw',
  roles,
  clearance,
});
const identityProvider = {
  issuer: 'http://127.0.0.1:3900',
  tokenEndpoint: 'http://127.0.0.1:3900/token',
  clientId: 'borderlink-demo',
  grantType: 'urn:borderlink:demo:password',
};
const summary: StackSummary = {
  nats: 'tls://127.0.0.1:14222',
  natsCa: '/repo/.data/tls/ca.pem',
  redis: 'redis://127.0.0.1:16379',
  identityProvider,
  hub: { id: 'hub', url: 'http://127.0.0.1:8080' },
  console: {
    url: 'http://127.0.0.1:8090',
    logins: [
      { user: 'operator', password: 'op1', roles: ['operator'] },
      { user: 'operator2', password: 'op2', roles: ['operator'] },
    ],
  },
  nodes: [
    {
      id: 'kz-border',
      url: 'http://127.0.0.1:3001',
      desk: 'http://127.0.0.1:3001/desk/',
      audience: 'urn:borderlink:node:kz-border',
      apiKey: 'blk_kz',
      logins: [login('kz-border-reader', ['reader'], 'amber')],
    },
    {
      id: 'uz-customs',
      url: 'http://127.0.0.1:3002',
      desk: 'http://127.0.0.1:3002/desk/',
      audience: 'urn:borderlink:node:uz-customs',
      apiKey: 'blk_uz',
      logins: [],
    },
  ],
};

describe('stack summary', () => {
  it('writes stack.json with the servers, the NATS CA, the identity provider, the hub URL, the console with its operators and each node with its desk and credentials', () => {
    expect(JSON.parse(stackFileContent(summary))).toEqual({
      nats: 'tls://127.0.0.1:14222',
      natsCa: '/repo/.data/tls/ca.pem',
      redis: 'redis://127.0.0.1:16379',
      identityProvider,
      hub: { url: 'http://127.0.0.1:8080' },
      console: summary.console,
      nodes: summary.nodes,
    });
    expect(JSON.parse(stackFileContent(summary)).nodes[0]).toEqual({
      id: 'kz-border',
      url: 'http://127.0.0.1:3001',
      desk: 'http://127.0.0.1:3001/desk/',
      audience: 'urn:borderlink:node:kz-border',
      apiKey: 'blk_kz',
      logins: [{ user: 'kz-border-reader', password: 'pw', roles: ['reader'], clearance: 'amber' }],
    });
    expect(stackFileContent(summary).endsWith('}\n')).toBe(true);
  });

  it('prints an aligned table of every app with its API, screens, docs, health and metrics URLs, then the servers', () => {
    expect(renderStackTable(summary)).toBe(
      [
        'node        api                       screens                      docs                        health                         metrics',
        'hub         -                         -                            -                           http://127.0.0.1:8080/healthz  http://127.0.0.1:8080/metrics',
        'console     http://127.0.0.1:8090/v1  http://127.0.0.1:8090/       -                           http://127.0.0.1:8090/healthz  http://127.0.0.1:8090/metrics',
        'kz-border   http://127.0.0.1:3001     http://127.0.0.1:3001/desk/  http://127.0.0.1:3001/docs  http://127.0.0.1:3001/healthz  http://127.0.0.1:3001/metrics',
        'uz-customs  http://127.0.0.1:3002     http://127.0.0.1:3002/desk/  http://127.0.0.1:3002/docs  http://127.0.0.1:3002/healthz  http://127.0.0.1:3002/metrics',
        '',
        'nats   tls://127.0.0.1:14222 (CA /repo/.data/tls/ca.pem)',
        'redis  redis://127.0.0.1:16379',
        '',
      ].join('\n'),
    );
  });

  it('prints the console with its operators, each node’s desk, API key and people, and how to get a token with curl', () => {
    const text = renderStackAccess(summary);
    expect(text).toContain('identity provider  http://127.0.0.1:3900');
    expect(text).toContain('console  http://127.0.0.1:8090/ (operators)');
    expect(text).toMatch(/^  operator2\s+op2  operator$/m);
    expect(text).toContain('kz-border  desk http://127.0.0.1:3001/desk/  api key blk_kz');
    expect(text).toMatch(/^  kz-border-reader\s+pw  reader \(amber\)$/m);
    expect(text).toContain('-d grant_type=urn:borderlink:demo:password -d client_id=borderlink-demo');
    expect(text).toContain('-d resource=urn:borderlink:node:kz-border -d username=kz-border-reader');
  });
});
