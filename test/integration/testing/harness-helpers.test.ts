import { createServer } from 'node:net';
import { freePort, waitFor, WaitTimeoutError } from '#process';

describe('waitFor', () => {
  it('resolves with the first value that is not undefined, null or false', async () => {
    const answers = [undefined, null, false, 'ready'];

    await expect(waitFor(() => answers.shift())).resolves.toBe('ready');
    expect(answers).toEqual([]);
  });

  it('treats a throwing probe as not yet', async () => {
    let calls = 0;
    const probe = async (): Promise<number> => {
      calls += 1;
      if (calls < 3) throw new Error('not up');
      return calls;
    };

    await expect(waitFor(probe)).resolves.toBe(3);
  });

  it('times out with an error naming the condition, the bound and the last failure', async () => {
    const failure = new Error('connection refused');

    const error: unknown = await waitFor(
      () => {
        throw failure;
      },
      { timeoutMs: 100, what: 'the alert in the inbox' },
    ).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error).toMatchObject({
      name: 'WaitTimeoutError',
      message: 'Timed out after 100 ms waiting for the alert in the inbox (last error: connection refused)',
      cause: failure,
    });
  });

  it('times out even when a probe call never settles', async () => {
    const started = Date.now();

    await expect(waitFor(() => new Promise<never>(() => {}), { timeoutMs: 100 })).rejects.toThrow(
      'Timed out after 100 ms waiting for the condition',
    );
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('freePort', () => {
  it('gives a loopback port that a server can listen on', async () => {
    const port = await freePort();
    const server = createServer();

    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    await new Promise<void>((resolve) => server.close(() => resolve()));

    expect(port).toBeGreaterThan(0);
  });
});
