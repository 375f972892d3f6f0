import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Response } from 'express';
import helmet from 'helmet';
import { answerRefusal } from '../access/access-answer.js';
import { UnauthenticatedError } from '../access/access.errors.js';
import { AuthenticationMiddleware } from '../access/authentication.middleware.js';
import type { AccessRequest } from '../access/current-principal.js';
import type { NodeConfig } from '../config/node.config.js';
import { CAP_MEDIA_TYPE } from '#cap';
import { negotiateCap } from '../cap/cap-negotiation.js';
import { deskContentPolicy } from '../desk/desk-content-policy.js';
import { MAX_JSON_BODY_BYTES } from './json-body-limit.js';
import { requestContext } from './request-context.js';

// The OpenAPI document and its UI are served by Express directly, outside the guard's reach.
function docsNeedAPrincipal(request: AccessRequest, response: Response, next: NextFunction): void {
  if (request.path.toLowerCase().startsWith('/docs') && request.principal === undefined) {
    answerRefusal(response, new UnauthenticatedError('no credentials'));
    return;
  }
  next();
}

/**
 * The node's HTTP edge, in the order a request meets it: a request id; security headers (helmet, with
 * the desk's content security policy);
 * CORS only for the configured origins; authentication (before any body is parsed); the docs closed
 * to the anonymous; the JSON and CAP body parsers, capped near the hub's own limit; CAP content
 * negotiation (cap-negotiation.ts). Call before the OpenAPI
 * document is set up and before `init`.
 */
export function hardenEdge(app: NestExpressApplication, config: NodeConfig): void {
  app.use(requestContext);
  // Over plain HTTP (loopback, or behind a proxy that ends TLS) a browser must not be told to switch
  // to HTTPS on this port: the docs would break.
  const tls = config.NODE_TLS_CERT_FILE !== undefined;
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: { ...deskContentPolicy(config), upgradeInsecureRequests: tls ? [] : null },
      },
      strictTransportSecurity: tls,
    }),
  );
  if (config.NODE_CORS_ORIGINS !== undefined) {
    app.enableCors({
      origin: config.NODE_CORS_ORIGINS.split(',').map((origin) => origin.trim()),
      allowedHeaders: ['authorization', 'content-type', 'x-request-id'],
      exposedHeaders: ['x-request-id', 'www-authenticate'],
      maxAge: 600,
    });
  }
  app.use(app.get(AuthenticationMiddleware).handle);
  app.use(docsNeedAPrincipal);
  app.useBodyParser('json', { limit: MAX_JSON_BODY_BYTES });
  // A CAP document is XML text, held to the JSON body's limit.
  app.useBodyParser('text', { type: CAP_MEDIA_TYPE, limit: MAX_JSON_BODY_BYTES });
  app.use(negotiateCap);
}
