import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { TokenRefusedError } from '#access';
import { PublicRoute } from '#runtime';
import type { ConsoleConfig } from '../config/console.config.js';
import { NotOperatorError } from './access.errors.js';
import { AccessGuard } from './access.guard.js';
import type { IdentityProviderRepository } from './identity-provider.repository.js';
import type { Operator } from './operator.js';

class Routes {
  @PublicRoute()
  health(): void {}

  network(): void {}
}

function contextOf(handler: keyof Routes, authorization?: string) {
  const request: { headers: Record<string, string>; operator?: Operator } = {
    headers: authorization === undefined ? {} : { authorization },
  };
  const context = {
    getType: () => 'http',
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
  return { context, request };
}

describe('AccessGuard', () => {
  const people: Record<string, Operator> = {
    'token-operator': { user: 'operator', roles: ['operator'] },
    'token-reader': { user: 'kz-border-reader', roles: ['reader'] },
  };
  const provider = {
    verify: async (token: string) => {
      const person = people[token];
      if (person === undefined) throw new TokenRefusedError('the token signature does not verify');
      return person;
    },
  } as unknown as IdentityProviderRepository;
  const guard = new AccessGuard(new Reflector(), provider, {
    CONSOLE_METRICS_ACCESS: 'operator',
  } as ConsoleConfig);

  it('lets anyone reach a public route', async () => {
    await expect(guard.canActivate(contextOf('health').context)).resolves.toBe(true);
  });

  it('refuses a request without a token, or with a token that does not hold, as unauthenticated', async () => {
    await expect(guard.canActivate(contextOf('network').context)).rejects.toEqual(
      new TokenRefusedError('no credentials'),
    );
    await expect(guard.canActivate(contextOf('network', 'Basic x').context)).rejects.toBeInstanceOf(
      TokenRefusedError,
    );
    await expect(guard.canActivate(contextOf('network', 'Bearer forged').context)).rejects.toMatchObject({
      reason: 'the token signature does not verify',
    });
  });

  it('refuses a person without the operator role as forbidden, and lets an operator through', async () => {
    await expect(
      guard.canActivate(contextOf('network', 'Bearer token-reader').context),
    ).rejects.toBeInstanceOf(NotOperatorError);
    const { context, request } = contextOf('network', 'Bearer token-operator');
    await expect(guard.canActivate(context)).resolves.toBe(true);
    expect(request.operator).toEqual({ user: 'operator', roles: ['operator'] });
  });
});
