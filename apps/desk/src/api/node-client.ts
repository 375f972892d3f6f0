import createClient, { type Client } from 'openapi-fetch';
import { createContext, useContext } from 'react';
import { bearerMiddleware } from '../../../../libs/web/src/http/bearer-middleware';
import { HttpError } from '../../../../libs/web/src/http/http-errors';
import type { paths } from '../../../../packages/client/src/generated/node-api';

export type NodeClient = Client<paths>;

/** A client of the node that serves the desk (same origin), sending the person's token. */
export function createNodeClient(token: () => string | undefined, onUnauthorized: () => void): NodeClient {
  const client = createClient<paths>({ baseUrl: window.location.origin });
  client.use(bearerMiddleware(token, onUnauthorized));
  return client;
}

/** The data of an openapi-fetch answer, or its refusal as an HttpError (with the server's body). */
export function dataOf<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || !result.response.ok) {
    throw new HttpError(result.response.status, result.error);
  }
  return result.data as T;
}

export const NodeClientContext = createContext<NodeClient | null>(null);

/** The node's client; only beneath the desk's providers. */
export function useNodeClient(): NodeClient {
  const client = useContext(NodeClientContext);
  if (client === null) throw new Error('useNodeClient needs a NodeClientContext above it');
  return client;
}
