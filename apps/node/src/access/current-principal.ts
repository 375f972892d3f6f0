import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { UnauthenticatedError } from './access.errors.js';
import type { Principal } from './principal.js';

/** How the request proved who it is. */
export type Credentials = 'token' | 'api-key' | 'stream-ticket';

/** An HTTP request once the node's door has looked at it. */
export interface AccessRequest extends Request {
  principal?: Principal;
  credentials?: Credentials;
}

/** The principal the guard let through; a route parameter decorator. */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AccessRequest>().principal;
  // The guard runs first and refuses a request without one; this only keeps the type honest.
  if (principal === undefined) throw new UnauthenticatedError('no credentials');
  return principal;
});
