import { Controller, Get, Header } from '@nestjs/common';
import { PublicRoute } from '#runtime';
import { ConsoleConfig } from '../config/console.config.js';

/** What the screens need before anything else: whom operators sign in with (public, no secret). */
export interface ScreensConfig {
  issuer: string;
  clientId: string;
  audience: string;
}

/** `GET /config.json`: the provider, the screens' public client and the API's audience. */
@Controller('config.json')
export class ScreensConfigController {
  constructor(private readonly config: ConsoleConfig) {}

  @Get()
  @PublicRoute()
  @Header('Cache-Control', 'no-store')
  get(): ScreensConfig {
    return {
      issuer: this.config.CONSOLE_OIDC_ISSUER,
      clientId: this.config.CONSOLE_OIDC_CLIENT_ID,
      audience: this.config.CONSOLE_AUDIENCE,
    };
  }
}
