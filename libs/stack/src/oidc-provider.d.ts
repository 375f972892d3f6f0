// The part of oidc-provider (which ships no types) that the demo identity provider uses.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export interface OidcContext {
    oidc: {
      params: Record<string, unknown>;
      client: unknown;
      provider: Provider;
    };
    body: unknown;
  }

  export interface TokenLike {
    kind: string;
    accountId?: string;
    resourceServer?: { audience?: string };
  }

  export class AccessTokenModel {
    constructor(properties: { accountId: string; client: unknown; gty: string; scope?: string });
    resourceServer: unknown;
    readonly expiration: number;
    save(): Promise<string>;
  }

  export class GrantModel {
    constructor(properties: { accountId: string; clientId: string });
    addOIDCScope(scope: string): void;
    addResourceScope(resource: string, scope: string): void;
    save(): Promise<string>;
  }

  export interface InteractionDetails {
    uid: string;
    prompt: { name: string; details: Record<string, unknown> };
    params: Record<string, unknown>;
    session?: { accountId: string };
  }

  export class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    readonly issuer: string;
    readonly AccessToken: typeof AccessTokenModel;
    readonly Grant: typeof GrantModel;
    readonly ResourceServer: new (identifier: string, info: Record<string, unknown>) => unknown;
    registerGrantType(name: string, handler: (ctx: OidcContext) => Promise<void>, params?: string[]): void;
    callback(): (request: IncomingMessage, response: ServerResponse) => void;
    interactionDetails(request: IncomingMessage, response: ServerResponse): Promise<InteractionDetails>;
    interactionFinished(
      request: IncomingMessage,
      response: ServerResponse,
      result: Record<string, unknown>,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }

  export const errors: {
    InvalidGrant: new (description?: string) => Error;
    InvalidTarget: new (description?: string) => Error;
    InvalidRequest: new (description?: string) => Error;
  };

  export default Provider;
}
