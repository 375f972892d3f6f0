import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { TokenRefusedError } from '#access';
import { ROUTE_ACCESS, type RouteAccess } from '#runtime';
import { ConsoleConfig } from '../config/console.config.js';
import { NotOperatorError } from './access.errors.js';
import type { OperatorRequest } from './current-operator.js';
import { IdentityProviderRepository } from './identity-provider.repository.js';
import { OPERATOR_ROLE } from './operator.js';

const BEARER = /^Bearer +(\S+)$/i;

/**
 * The console's global guard over every route: a public one (`PublicRoute`: /healthz, the screens'
 * config) is open, /metrics too when CONSOLE_METRICS_ACCESS is `open`; every other needs a bearer
 * access token from the operators' provider (401 without one, or with one that does not hold) whose
 * roles include `operator` (403 otherwise). The static screens are served before any route.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly provider: IdentityProviderRepository,
    private readonly config: ConsoleConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    const access = this.reflector.getAllAndOverride<RouteAccess | undefined>(ROUTE_ACCESS, targets);
    if (access === 'public') return true;
    if (access === 'operator' && this.config.CONSOLE_METRICS_ACCESS === 'open') return true;
    const request = context.switchToHttp().getRequest<OperatorRequest>();
    const header = request.headers.authorization;
    if (header === undefined) throw new TokenRefusedError('no credentials');
    const token = BEARER.exec(header.trim())?.[1];
    if (token === undefined)
      throw new TokenRefusedError('the Authorization header must be "Bearer <access token>"');
    const operator = await this.provider.verify(token);
    if (!operator.roles.includes(OPERATOR_ROLE))
      throw new NotOperatorError(`this needs the role ${OPERATOR_ROLE}`);
    request.operator = operator;
    return true;
  }
}
