import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CLEARANCES, ROLES, type Clearance, type Role } from '#access';

/** GET /v1/me. */
export class PrincipalDto {
  @ApiProperty({
    description: 'Stable, agency-scoped: `person:<subject>` or `service:<API key id>`.',
    example: 'person:3f1b2a4c',
  })
  id: string;

  @ApiProperty({ enum: ['person', 'service'] })
  kind: 'person' | 'service';

  @ApiProperty({ description: 'The identity provider’s issuer, or `api-key`.' })
  issuer: string;

  @ApiProperty()
  subject: string;

  @ApiProperty({ example: 'a.nurlanov' })
  name: string;

  @ApiProperty({ enum: ROLES, isArray: true })
  roles: Role[];

  @ApiProperty({ enum: CLEARANCES, description: 'The most restricted TLP label shown to this principal.' })
  clearance: Clearance;
}

/** One API key in GET /v1/api-keys. */
export class ApiKeyDto {
  @ApiProperty({ example: '0f3c9a1b2d4e5f60' }) id: string;
  @ApiProperty({ example: 'case-system' }) name: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: Role[];
  @ApiProperty({ enum: CLEARANCES }) clearance: Clearance;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiPropertyOptional({ format: 'date-time' }) revokedAt?: string;
}
