import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { NodeConfig } from '../config/node.config.js';
import { AccessController } from './access.controller.js';
import { AccessGuard } from './access.guard.js';
import { ApiKeysRepository } from './api-keys.repository.js';
import { AuthenticationMiddleware } from './authentication.middleware.js';
import { AuthenticationService } from './authentication.service.js';
import { IdentityProviderRepository } from './identity-provider.repository.js';
import { RateLimitGuard } from './rate-limit.guard.js';
import { StreamSlots } from './stream-slots.js';
import { StreamTicketsRepository } from './stream-tickets.repository.js';

/**
 * Who may do what at the node's door: people through the agency's OpenID Connect provider, services
 * through API keys; the global guards (roles, then per-identity rate limits); stream tickets and
 * live stream slots for the inbox. The middleware that authenticates is applied by the app ahead of
 * the body parser (http/edge.ts).
 */
@Module({
  controllers: [AccessController],
  providers: [
    IdentityProviderRepository,
    ApiKeysRepository,
    StreamTicketsRepository,
    AuthenticationService,
    AuthenticationMiddleware,
    {
      provide: StreamSlots,
      inject: [NodeConfig],
      useFactory: (config: NodeConfig) =>
        new StreamSlots(config.NODE_STREAMS_PER_IDENTITY, config.NODE_STREAMS_TOTAL),
    },
    // In this order: who it is and what it may do, then how often.
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_GUARD, useClass: RateLimitGuard },
  ],
  exports: [AuthenticationMiddleware, StreamTicketsRepository, StreamSlots, ApiKeysRepository],
})
export class AccessModule {}
