import { Controller, Get, Header, Redirect } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { PublicRoute } from '#runtime';
import { NodeConfig } from '../config/node.config.js';
import { DESK_PATH } from './desk-content-policy.js';
import type { DeskSettingsDto } from './dto/desk-settings.dto.js';

/**
 * The desk's two routes besides its files: the node's root leads to it, and its sign-in settings.
 * Both open to anyone, like the desk's own files: they hold nothing a provider's discovery does not.
 */
@ApiExcludeController()
@Controller()
export class DeskController {
  constructor(private readonly config: NodeConfig) {}

  @Get()
  @PublicRoute()
  @Redirect(`${DESK_PATH}/`, 302)
  root(): void {}

  @Get(`${DESK_PATH.slice(1)}/config.json`)
  @PublicRoute()
  @Header('cache-control', 'no-cache')
  settings(): DeskSettingsDto {
    const { NODE_ID, NODE_OIDC_ISSUER, NODE_OIDC_AUDIENCE, NODE_DESK_CLIENT_ID } = this.config;
    return {
      node: NODE_ID,
      signIn:
        NODE_OIDC_ISSUER === undefined || NODE_OIDC_AUDIENCE === undefined
          ? null
          : { issuer: NODE_OIDC_ISSUER, clientId: NODE_DESK_CLIENT_ID, audience: NODE_OIDC_AUDIENCE },
    };
  }
}
