/**
 * How the client authenticates: a service's API key (`blk_<id>_<secret>`), or a function giving a
 * person's current access token (called before each request and each stream connection, so it may
 * refresh).
 */
export type BorderlinkCredentials = { apiKey: string } | { token: () => string | Promise<string> };

/** The `Authorization` header value of `credentials`: both kinds are bearer credentials. */
export async function authorizationOf(credentials: BorderlinkCredentials): Promise<string> {
  const secret = 'apiKey' in credentials ? credentials.apiKey : await credentials.token();
  return `Bearer ${secret}`;
}
