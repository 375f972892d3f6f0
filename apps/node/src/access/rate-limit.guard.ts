import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { NodeConfig } from '../config/node.config.js';
import { TooManyRequestsError } from './access.errors.js';
import type { AccessRequest } from './current-principal.js';
import { FixedWindowCounter } from './fixed-window.js';

const MINUTE_MS = 60_000;

/**
 * Rate limits per identity, a minute at a time on each instance: NODE_RATE_LIMIT for a person,
 * NODE_SERVICE_RATE_LIMIT for a service. A request counts against its principal, so colleagues
 * behind one proxy do not share a budget and one identity cannot spread over addresses; an anonymous
 * one, which can reach only the public liveness route, against its address, at a person's limit.
 * Runs after AccessGuard, so refused requests spend nobody's budget. NATS handlers are not limited here.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly people: FixedWindowCounter;
  private readonly services: FixedWindowCounter;

  constructor(config: NodeConfig) {
    this.people = new FixedWindowCounter(config.NODE_RATE_LIMIT, MINUTE_MS);
    this.services = new FixedWindowCounter(config.NODE_SERVICE_RATE_LIMIT, MINUTE_MS);
  }

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const { principal, ip } = context.switchToHttp().getRequest<AccessRequest>();
    const counter = principal?.kind === 'service' ? this.services : this.people;
    if (!counter.hit(principal?.id ?? `address:${ip ?? 'unknown'}`)) {
      throw new TooManyRequestsError('too many requests from this identity; slow down');
    }
    return true;
  }
}
