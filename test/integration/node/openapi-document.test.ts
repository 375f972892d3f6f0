// The SDK's typed client (packages/client/src/generated/node-api.ts, which the desk imports too) is generated from a copy of the node's
// OpenAPI document committed beside it: this test fails when a running node's document drifts from
// that copy. To update the copy after a change to the API, run this test with OPENAPI_UPDATE=on, then
// `node scripts/gen-web-api.mjs`, and commit both files.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { INestApplication } from '@nestjs/common';
import { format, resolveConfig } from 'prettier';
import { startTestbed, type NodeTestbed } from './node-harness.js';

const COMMITTED = new URL('../../../apps/desk/src/api/node-openapi.json', import.meta.url);

let testbed: NodeTestbed;
let app: INestApplication;
let base: string;

beforeAll(async () => {
  testbed = await startTestbed();
  ({ app, base } = await testbed.start());
});

afterAll(async () => {
  await app?.close();
  await testbed?.stop();
});

// The title names the node that served the document; the desk's types do not depend on it.
function comparable(document: { info?: { title?: string } }): unknown {
  return { ...document, info: { ...document.info, title: 'Borderlink node' } };
}

describe("the node's OpenAPI document", () => {
  it('is the one the desk’s client is generated from', async () => {
    const response = await fetch(`${base}/docs-json`, { headers: testbed.auth });
    expect(response.status).toBe(200);
    const served = (await response.json()) as { info?: { title?: string } };
    if (process.env.OPENAPI_UPDATE === 'on') {
      // Formatted as the repository's files are, so that the diff shows only what changed.
      const filepath = fileURLToPath(COMMITTED);
      const text = await format(JSON.stringify(comparable(served), null, 2), {
        ...(await resolveConfig(filepath)),
        filepath,
      });
      writeFileSync(COMMITTED, text);
    }
    const committed = JSON.parse(readFileSync(COMMITTED, 'utf8')) as { info?: { title?: string } };
    expect(comparable(served)).toEqual(comparable(committed));
  });
});
