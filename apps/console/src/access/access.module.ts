import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessGuard } from './access.guard.js';
import { IdentityProviderRepository } from './identity-provider.repository.js';
import { MeController } from './me.controller.js';

/** The console's door: operators' access tokens, checked on every route but the public ones. */
@Module({
  controllers: [MeController],
  providers: [IdentityProviderRepository, { provide: APP_GUARD, useClass: AccessGuard }],
})
export class AccessModule {}
