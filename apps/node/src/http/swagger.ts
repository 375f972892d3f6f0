import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { API_KEY_SCHEME, TOKEN_SCHEME } from '../access/route-access.js';

/**
 * Serves the node API's OpenAPI document: the UI at /docs, the JSON at /docs-json, both to
 * authenticated callers only (http/edge.ts). It declares the two ways in: a person's access token
 * from the agency's identity provider, a service's API key; each operation names the roles it needs.
 */
export function setupSwagger(app: INestApplication, node: string): void {
  const config = new DocumentBuilder()
    .setTitle(`Borderlink node ${node}`)
    .setDescription(
      'The agency’s door to Borderlink: publish alerts and coordination notices (signed with the ' +
        'agency’s key), read the inbox, follow delivery, and answer with receipts. Message bodies use ' +
        'the protobuf JSON mapping of proto/borderlink/v1. Every route but /healthz needs credentials; ' +
        'roles and clearance are in docs/policy.md.',
    )
    .setVersion('1')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description:
          'An access token from the agency’s OpenID Connect provider, for this node’s audience; roles and ' +
          'clearance come from its claims.',
      },
      TOKEN_SCHEME,
    )
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'blk_<id>_<secret>',
        description:
          'A service’s API key (`borderlink api-keys create`), with the roles and clearance given to it.',
      },
      API_KEY_SCHEME,
    )
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, config));
}
