import type { BorderlinkCredentials } from '#client';
import type { StackNode } from '#stack';
import { UsageError } from '../cli.errors.js';
import { findLocalStack, type LocalStack } from '../local-stack/local-stack.js';
import { TokenCache, defaultConfigDir } from './token-cache.js';

/** The options every agency command takes: which node, and as whom. */
export interface NodeOptions {
  node?: string;
  url?: string;
  apiKey?: string;
  stack?: string;
  configDir?: string;
}

/** The node a command talks to, as whom, and how to name it in messages. */
export interface NodeTarget {
  url: string;
  credentials: BorderlinkCredentials;
  /** `kz-border (http://127.0.0.1:8081)`. */
  name: string;
  /** How the caller is authenticated: `API key`, `kz-border-author (signed in)`. */
  as: string;
}

/** The identity provider and audience a person signs in with for a node. */
export interface SignInTarget {
  issuer: string;
  clientId: string;
  audience: string;
  node: string;
}

/** The stack's node `--node` names (its first without it). */
export function stackNode(stack: LocalStack, node: string | undefined): StackNode {
  const nodes = stack.summary.nodes;
  const found = node === undefined ? nodes[0] : nodes.find((each) => each.id === node);
  if (found === undefined) {
    const known = nodes.map((each) => each.id).join(', ') || 'none';
    throw new UsageError(
      `the stack in ${stack.file} runs no node ${node ?? ''} (it runs ${known}): pass --node`,
    );
  }
  return found;
}

/** Where `borderlink login` signs in for the node the options name: the local stack's provider. */
export function signInTargetOf(options: NodeOptions): SignInTarget {
  const stack = findLocalStack(options.stack);
  if (stack === undefined) {
    throw new UsageError(
      'no identity provider to sign in with: run in the folder of a stack started with npm start, or set BORDERLINK_STACK',
    );
  }
  const node = stackNode(stack, options.node);
  const idp = stack.summary.identityProvider;
  return { issuer: idp.issuer, clientId: idp.clientId, audience: node.audience, node: node.id };
}

/**
 * The node and credentials of an agency command: `--url` or the local stack's node (`--node`, else
 * its first); `--api-key`/BORDERLINK_API_KEY, else a person's token from `borderlink login`, else
 * the stack's demo key for that node.
 */
export async function resolveNodeTarget(options: NodeOptions): Promise<NodeTarget> {
  const stack =
    options.url === undefined || options.apiKey === undefined ? findLocalStack(options.stack) : undefined;
  if (options.url === undefined && stack === undefined) {
    throw new UsageError(
      'no node to talk to: pass --url (or --node), or run in the folder of a stack started with npm start, or set BORDERLINK_STACK',
    );
  }
  const node =
    stack !== undefined && (options.url === undefined || options.node !== undefined)
      ? stackNode(stack, options.node)
      : undefined;
  const url = options.url ?? node!.url;
  const name = node === undefined ? url : `${node.id} (${url})`;
  if (options.apiKey !== undefined)
    return { url, name, credentials: { apiKey: options.apiKey }, as: 'API key' };
  if (stack !== undefined && node !== undefined) {
    const idp = stack.summary.identityProvider;
    const cache = new TokenCache(options.configDir ?? defaultConfigDir());
    const token = await cache.get(idp.issuer, node.audience);
    if (token !== undefined) {
      return {
        url,
        name,
        credentials: { token: () => token.accessToken },
        as: `${token.user ?? 'a person'} (signed in)`,
      };
    }
    return { url, name, credentials: { apiKey: node.apiKey }, as: "the stack's demo API key" };
  }
  throw new UsageError(
    `no credentials for ${name}: pass --api-key, set BORDERLINK_API_KEY, or sign in with borderlink login`,
  );
}
