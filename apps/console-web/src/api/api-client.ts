import { ApiError, ApiRefusedError, ApiUnauthenticatedError, ApiUnavailableError } from './api.errors.js';

/** Gives the operator's current access token, or undefined when signed out. */
export type AccessTokenSource = () => string | undefined | Promise<string | undefined>;

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** The console server's JSON API under /v1, with the operator's bearer token on every call. */
export class ApiClient {
  constructor(
    private readonly accessToken: AccessTokenSource,
    /** Where the API is: empty for the page's own origin, which serves both. */
    private readonly baseUrl = '',
    // Wrapped: a browser's fetch throws when called detached from window.
    private readonly fetcher: Fetch = (input, init) => fetch(input, init),
  ) {}

  get<T>(path: string, query: Record<string, string | number | undefined> = {}): Promise<T> {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(query))
      if (value !== undefined) search.set(name, String(value));
    const text = search.toString();
    return this.request<T>('GET', text === '' ? path : `${path}?${text}`);
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const token = await this.accessToken();
    const headers: Record<string, string> = { accept: 'application/json' };
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await this.fetcher(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (cause) {
      throw new ApiUnavailableError(`${method} ${path}: no answer`, 0, { cause });
    }
    if (response.ok) return (response.status === 204 ? undefined : await response.json()) as T;
    throw await refusal(method, path, response);
  }
}

async function refusal(method: string, path: string, response: Response): Promise<ApiError> {
  if (response.status >= 500)
    return new ApiUnavailableError(`${method} ${path}: ${response.status}`, response.status);
  let error = `http_${response.status}`;
  let reason = '';
  try {
    const body = (await response.json()) as { error?: unknown; reason?: unknown; message?: unknown };
    if (typeof body.error === 'string') error = body.error;
    if (typeof body.reason === 'string') reason = body.reason;
    else if (typeof body.message === 'string') reason = body.message;
  } catch {
    // Not JSON (a proxy's page): the status alone says it.
  }
  return response.status === 401
    ? new ApiUnauthenticatedError(response.status, error, reason)
    : new ApiRefusedError(response.status, error, reason);
}
