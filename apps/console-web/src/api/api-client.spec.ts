import { ApiClient, type Fetch } from './api-client.js';
import { ApiRefusedError, ApiUnauthenticatedError, ApiUnavailableError } from './api.errors.js';

function recording(response: () => Response | Promise<Response>) {
  const calls: { input: string; init?: RequestInit }[] = [];
  const fetcher: Fetch = async (input, init) => {
    calls.push({ input, init });
    return response();
  };
  return { calls, fetcher };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('ApiClient', () => {
  it('sends the bearer token and the query', async () => {
    const { calls, fetcher } = recording(() => json({ ok: true }));
    const api = new ApiClient(() => 'token-1', '', fetcher);
    await expect(api.get('/v1/traffic', { minutes: 60, skip: undefined })).resolves.toEqual({ ok: true });
    expect(calls[0]?.input).toBe('/v1/traffic?minutes=60');
    expect((calls[0]?.init?.headers as Record<string, string>).authorization).toBe('Bearer token-1');
  });

  it('turns a refusal into an error carrying the server’s reason', async () => {
    const { fetcher } = recording(() => json({ error: 'conflict', reason: 'already replayed' }, 409));
    const error = await new ApiClient(() => 't', '', fetcher)
      .post('/v1/dead-letters/7/replay')
      .catch((e) => e);
    expect(error).toBeInstanceOf(ApiRefusedError);
    expect(error).toMatchObject({ status: 409, error: 'conflict', reason: 'already replayed' });
  });

  it('tells a missing or stale token apart', async () => {
    const { fetcher } = recording(() => json({ error: 'unauthenticated', reason: 'no credentials' }, 401));
    await expect(new ApiClient(() => undefined, '', fetcher).get('/v1/me')).rejects.toBeInstanceOf(
      ApiUnauthenticatedError,
    );
  });

  it('calls a server error or no answer unavailable', async () => {
    const down = recording(() => Promise.reject(new TypeError('fetch failed')));
    await expect(new ApiClient(() => 't', '', down.fetcher).get('/v1/me')).rejects.toBeInstanceOf(
      ApiUnavailableError,
    );
    const failing = recording(() => new Response('', { status: 503 }));
    await expect(new ApiClient(() => 't', '', failing.fetcher).get('/v1/me')).rejects.toMatchObject({
      name: 'ApiUnavailableError',
      status: 503,
    });
  });
});
