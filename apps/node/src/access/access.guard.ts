import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '#access';
import { ROUTE_ACCESS, type RouteAccess } from '#runtime';
import { ForbiddenError, UnauthenticatedError } from './access.errors.js';
import type { AccessRequest } from './current-principal.js';
import { holdsAny } from './principal.js';
import { ROUTE_ROLES, STREAM_TICKET_ROUTE } from './route-access.js';

/** Who may read the operator's routes (metrics, health details). */
const OPERATOR_ROLES: readonly Role[] = ['administrator', 'monitor'];

/**
 * The node's global guard over every HTTP route: a public route (`PublicRoute`: the bare liveness
 * answer) is open; any other needs the principal the authentication middleware attached (401
 * without one) holding one of the roles the route names (403 otherwise). A route that names no roles
 * is refused to everyone, so a new route is closed until someone decides who may call it. A stream
 * ticket opens only the routes that accept one. NATS handlers are not its business.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    const access = this.reflector.getAllAndOverride<RouteAccess | undefined>(ROUTE_ACCESS, targets);
    if (access === 'public') return true;
    const request = context.switchToHttp().getRequest<AccessRequest>();
    const principal = request.principal;
    if (principal === undefined) throw new UnauthenticatedError('no credentials');
    if (
      request.credentials === 'stream-ticket' &&
      this.reflector.get(STREAM_TICKET_ROUTE, context.getHandler()) !== true
    ) {
      throw new UnauthenticatedError('a stream ticket opens the live stream only');
    }
    const roles =
      access === 'operator'
        ? OPERATOR_ROLES
        : this.reflector.getAllAndOverride<Role[] | undefined>(ROUTE_ROLES, targets);
    if (roles === undefined) throw new ForbiddenError('this route is open to no role');
    if (!holdsAny(principal, roles)) throw new ForbiddenError(`this needs the role ${roles.join(' or ')}`);
    return true;
  }
}
