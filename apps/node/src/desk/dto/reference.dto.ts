import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { NODE_KINDS, type NodeKind } from '#registry';

export class RegionDto {
  @ApiProperty({ example: 'afghan-border' }) id: string;
  @ApiProperty({ example: 'Afghan border' }) name: string;
}

export class BorderSectionDto {
  @ApiProperty({ example: 'tj-af-panj' }) id: string;
  @ApiProperty({ example: 'Tajik–Afghan border, lower Panj river (Khatlon)' }) name: string;
  @ApiProperty({ example: ['TJ', 'AF'], description: 'ISO 3166-1 alpha-2.' }) countries: string[];
  @ApiProperty({ example: ['central-asia', 'afghan-border'] }) regions: string[];
}

export class CrossingPointDto {
  @ApiProperty({ example: 'panji-poyon' }) id: string;
  @ApiProperty({ example: 'Panji Poyon (Nizhny Panj) – Sher Khan Bandar bridge' }) name: string;
  @ApiProperty({ example: 'tj-af-panj' }) section: string;
  @ApiProperty({ example: 37.2, description: 'WGS 84 decimal degrees, to about 1 km.' }) lat: number;
  @ApiProperty({ example: 68.58 }) lon: number;
}

export class ParticipantDto {
  @ApiProperty({ example: 'tj-border' }) id: string;
  @ApiProperty({ example: 'Border Troops of Tajikistan' }) name: string;
  @ApiProperty({ enum: NODE_KINDS }) kind: NodeKind;
  @ApiProperty({ example: 'tj-border-troops' }) organisation: string;
  @ApiPropertyOptional({ example: 'TJ' }) country?: string;
}

/** GET /v1/reference. */
export class ReferenceDto {
  @ApiProperty({ type: [RegionDto] }) regions: RegionDto[];
  @ApiProperty({ type: [BorderSectionDto] }) sections: BorderSectionDto[];
  @ApiProperty({ type: [CrossingPointDto] }) crossingPoints: CrossingPointDto[];
  @ApiProperty({ type: [ParticipantDto], description: 'Every registered node but the hub.' })
  nodes: ParticipantDto[];
}
