/**
 * GET /desk/config.json: how the desk signs people in at this node. Public, as the provider's own
 * discovery document is; `signIn` is null on a node that takes API keys only.
 */
export interface DeskSettingsDto {
  node: string;
  signIn: { issuer: string; clientId: string; audience: string } | null;
}
