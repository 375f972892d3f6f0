import { NodeIdentityError } from '#node';
import { generateNodeKey } from '#trust';
import { startTestbed, type NodeTestbed } from './node-harness.js';

let testbed: NodeTestbed;

beforeAll(async () => {
  testbed = await startTestbed();
});

afterAll(async () => {
  await testbed?.stop();
});

describe('node app lifecycle', () => {
  it('refuses to start with a seed whose key the registry does not list for the node', async () => {
    const start = testbed.start(testbed.config(generateNodeKey().seed));
    await expect(start).rejects.toBeInstanceOf(NodeIdentityError);
    await expect(start).rejects.toThrow(/not among the registry's public keys of node kz-border/);
  });

  it('shuts down promptly while a client follows the event stream, ending the stream', async () => {
    const { app, base } = await testbed.start();
    const response = await fetch(`${base}/v1/inbox/stream`, { headers: testbed.auth });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const drained = response.text();
    const closing = Date.now();
    await app.close();
    expect((await drained).trim()).toBe('');
    // Well under the client's keep-alive timeout (4 s), which an undrained connection would wait out.
    expect(Date.now() - closing).toBeLessThan(3_000);
  });
});
