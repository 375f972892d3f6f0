import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** Serves the node API's OpenAPI document: the UI at /docs, the JSON at /docs-json. */
export function setupSwagger(app: INestApplication, node: string): void {
  const config = new DocumentBuilder()
    .setTitle(`Borderlink node ${node}`)
    .setDescription(
      'The agency’s door to Borderlink: publish alerts and coordination notices (signed with the ' +
        'agency’s key), read the inbox, follow delivery, and answer with receipts. Message bodies use ' +
        'the protobuf JSON mapping of proto/borderlink/v1.',
    )
    .setVersion('1')
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, config));
}
