import { readFileSync } from 'node:fs';
import type { INestApplication } from '@nestjs/common';
import { enrolKeys, loadRegistry } from '#registry';
import { generateNodeKey } from '#trust';
import { startTestbed, type NodeTestbed } from './node-harness.js';

// The README walkthrough posts docs/examples/*.json to the Tajik border node of the deployed registry.
const NODE = 'tj-border';
const ROOT = new URL('../../../', import.meta.url);
const example = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`docs/examples/${name}.json`, ROOT), 'utf8'));

let testbed: NodeTestbed;
let app: INestApplication;
let base: string;

beforeAll(async () => {
  const key = generateNodeKey();
  const registry = enrolKeys(
    loadRegistry(new URL('deploy/registry/registry.yaml', ROOT).pathname),
    new Map([[NODE, key.publicKey]]),
  );
  testbed = await startTestbed({ registry, node: NODE, seed: key.seed });
  ({ app, base } = await testbed.start());
});

afterAll(async () => {
  await app?.close();
  await testbed?.stop();
});

async function post(path: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...testbed.auth },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

describe('the documented example bodies', () => {
  it.each([
    ['/v1/alerts', 'alert'],
    ['/v1/notices', 'notice'],
  ])('are accepted by POST %s against the deployed registry', async (path, name) => {
    expect(await post(path, example(name))).toEqual({
      status: 202,
      body: { id: expect.any(String), status: 'accepted', duplicate: false },
    });
  });

  it('are shown as the request examples of the OpenAPI document', async () => {
    const document = (await (await fetch(`${base}/docs-json`, { headers: testbed.auth })).json()) as {
      paths: Record<
        string,
        { post: { requestBody: { content: Record<string, { schema: { example?: unknown } }> } } }
      >;
    };
    const exampleOf = (path: string) =>
      document.paths[path]?.post.requestBody.content['application/json']?.schema.example;
    expect(exampleOf('/v1/alerts')).toEqual(example('alert'));
    expect(exampleOf('/v1/notices')).toEqual(example('notice'));
  });
});
