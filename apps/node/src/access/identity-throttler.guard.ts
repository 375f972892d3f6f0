import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { AccessRequest } from './current-principal.js';

/**
 * Rate limits per identity: a request counts against its principal (so colleagues behind one proxy
 * do not share a budget, and one identity cannot spread over addresses); an anonymous one, which can
 * reach only the public liveness route, against its address. NATS handlers are not limited here.
 */
@Injectable()
export class IdentityThrottlerGuard extends ThrottlerGuard {
  override canActivate(context: ExecutionContext): Promise<boolean> {
    return context.getType() === 'http' ? super.canActivate(context) : Promise.resolve(true);
  }

  protected override getTracker(request: Record<string, unknown>): Promise<string> {
    const { principal, ip } = request as unknown as AccessRequest;
    return Promise.resolve(principal?.id ?? `address:${ip ?? 'unknown'}`);
  }
}
