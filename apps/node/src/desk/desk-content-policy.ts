import type { NodeConfig } from '../config/node.config.js';

/** The URL path the node serves the desk under (apps/desk/vite.config.ts builds it for this base). */
export const DESK_PATH = '/desk';

/**
 * The Content-Security-Policy directives the desk needs beyond helmet's defaults (which stay: scripts
 * and styles from the node itself, no inline scripts, no plugins, no framing by others): images also
 * from data: and blob: URLs (Leaflet's icons), and requests to the node itself and to the agency's
 * identity provider (discovery, keys and the token request of the sign-in).
 */
export function deskContentPolicy(config: NodeConfig): Record<string, string[]> {
  const connect = ["'self'"];
  if (config.NODE_OIDC_ISSUER !== undefined) connect.push(new URL(config.NODE_OIDC_ISSUER).origin);
  return { connectSrc: connect, imgSrc: ["'self'", 'data:', 'blob:'] };
}
