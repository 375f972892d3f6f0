import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AccessLogExport, AccessRecord, SignedAccessHead } from '#trust';

/** OpenAPI description of one entry of the access log. */
export class AccessRecordDto implements AccessRecord {
  @ApiProperty({ description: 'Its position: 1 for the first entry, each next one more.', example: 42 })
  sequence: number;

  @ApiProperty({ description: 'When the message was handed out.', format: 'date-time' })
  at: string;

  @ApiProperty({
    description: 'Who: `person:<subject>` or `service:<key id>`.',
    example: 'person:kz-border-reader',
  })
  principal: string;

  @ApiProperty({ description: 'Their name, for people reading the log.' })
  name: string;

  @ApiProperty({
    description: '`read` (GET /v1/messages/{id}), `list` (GET /v1/inbox), `stream` (the live stream).',
    example: 'read',
  })
  action: string;

  @ApiProperty({ description: 'The message handed out.' })
  message: string;

  @ApiProperty({ description: 'The id of the request that handed it out (X-Request-Id).' })
  request: string;

  @ApiProperty({
    description:
      'SHA-256(previous entry’s hash || SHA-256(`borderlink-access-v1\\n` || content)), lowercase hex.',
  })
  hash: string;
}

/** OpenAPI description of the signed head of the access log. */
export class SignedAccessHeadDto implements SignedAccessHead {
  @ApiProperty({ example: 'kz-border' })
  node: string;

  @ApiProperty({ description: 'When the node signed it.', format: 'date-time' })
  at: string;

  @ApiProperty({ description: 'The last entry’s sequence; 0 for an empty log.' })
  sequence: number;

  @ApiProperty({ description: 'The last entry’s hash; empty for an empty log.' })
  hash: string;

  @ApiProperty({ description: 'The node’s public nkey.' })
  key: string;

  @ApiProperty({ description: 'Ed25519 signature, base64url without padding.' })
  signature: string;
}

/** OpenAPI description of one page of the access log. */
export class AccessLogExportDto implements AccessLogExport {
  @ApiProperty({ example: 'kz-border' })
  node: string;

  @ApiProperty({ type: [AccessRecordDto] })
  entries: AccessRecordDto[];

  @ApiProperty({ type: SignedAccessHeadDto })
  head: SignedAccessHeadDto;

  @ApiPropertyOptional({ description: 'More entries follow: pass this as `after`.' })
  next?: number;
}
