import { renderStackTable, stackFileContent, type StackSummary } from './stack-summary.js';

const summary: StackSummary = {
  nats: 'tls://127.0.0.1:14222',
  natsCa: '/repo/.data/tls/ca.pem',
  redis: 'redis://127.0.0.1:16379',
  hub: { id: 'hub', url: 'http://127.0.0.1:8080' },
  nodes: [
    { id: 'kz-border', url: 'http://127.0.0.1:3001' },
    { id: 'uz-customs', url: 'http://127.0.0.1:3002' },
  ],
};

describe('stack summary', () => {
  it('writes stack.json with the servers and the NATS CA, the hub URL and each node id and URL', () => {
    expect(JSON.parse(stackFileContent(summary))).toEqual({
      nats: 'tls://127.0.0.1:14222',
      natsCa: '/repo/.data/tls/ca.pem',
      redis: 'redis://127.0.0.1:16379',
      hub: { url: 'http://127.0.0.1:8080' },
      nodes: [
        { id: 'kz-border', url: 'http://127.0.0.1:3001' },
        { id: 'uz-customs', url: 'http://127.0.0.1:3002' },
      ],
    });
    expect(stackFileContent(summary).endsWith('}\n')).toBe(true);
  });

  it('prints an aligned table of every app with its API, docs, health and metrics URLs, then the servers', () => {
    expect(renderStackTable(summary)).toBe(
      [
        'node        api                    docs                        health                         metrics',
        'hub         -                      -                           http://127.0.0.1:8080/healthz  http://127.0.0.1:8080/metrics',
        'kz-border   http://127.0.0.1:3001  http://127.0.0.1:3001/docs  http://127.0.0.1:3001/healthz  http://127.0.0.1:3001/metrics',
        'uz-customs  http://127.0.0.1:3002  http://127.0.0.1:3002/docs  http://127.0.0.1:3002/healthz  http://127.0.0.1:3002/metrics',
        '',
        'nats   tls://127.0.0.1:14222 (CA /repo/.data/tls/ca.pem)',
        'redis  redis://127.0.0.1:16379',
        '',
      ].join('\n'),
    );
  });
});
