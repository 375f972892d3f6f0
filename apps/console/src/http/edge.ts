import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import type { ConsoleConfig } from '../config/console.config.js';

/**
 * Security headers for the screens and the API (helmet): a content security policy that lets the
 * page run only its own scripts, its own styles (and the inline ones the map and charts set), its
 * own images and the map's `data:`/`blob:` icons, and talk only to the console and the operators'
 * identity provider (sign-in, token renewal, discovery and keys). Plain HTTP on loopback: no HSTS.
 */
export function hardenEdge(app: NestExpressApplication, config: ConsoleConfig): void {
  const provider = new URL(config.CONSOLE_OIDC_ISSUER).origin;
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'", provider],
          frameSrc: [provider],
          formAction: ["'self'", provider],
          frameAncestors: ["'none'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
        },
      },
      strictTransportSecurity: false,
    }),
  );
}
