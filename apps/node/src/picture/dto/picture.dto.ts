import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { SectionPicture } from '../picture.service.js';
import type { PersonFigure, PictureWindow, SectionImpact, WindowFigures } from '../section-figures.js';

/** Query of GET /v1/picture and GET /v1/picture/sections/:id. */
export class PictureQueryDto {
  @ApiPropertyOptional({
    enum: ['json', 'csv'],
    default: 'json',
    description: '`csv`: the same figures, one per row.',
  })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

export class SectionImpactDto implements SectionImpact {
  @ApiProperty({ enum: ['low', 'medium', 'high', 'critical'] })
  level: string;

  @ApiProperty({
    description: 'The node whose impact-level change or situation report set it.',
    example: 'tj-border',
  })
  setBy: string;

  @ApiProperty({ format: 'date-time', description: 'The signed sent time of that message.' })
  at: string;
}

export class PersonFigureDto implements PersonFigure {
  @ApiProperty({ example: 'SEX_FEMALE' })
  sex: string;

  @ApiProperty({ example: 'AGE_GROUP_ADULT' })
  ageGroup: string;

  @ApiProperty({ example: 'PERSON_ROLE_VICTIM' })
  role: string;

  @ApiProperty()
  count: number;
}

const COUNTS = { type: 'object', additionalProperties: { type: 'number' } } as const;

export class WindowFiguresDto implements WindowFigures {
  @ApiProperty({ description: 'Actual alerts concerning the section, current versions only.' })
  alerts: number;

  @ApiProperty({ ...COUNTS, example: { CATEGORY_SMALL_ARMS_LIGHT_WEAPONS: 3 } })
  byCategory: Record<string, number>;

  @ApiProperty({ ...COUNTS, example: { SEVERITY_SEVERE: 2 } })
  bySeverity: Record<string, number>;

  @ApiProperty({
    ...COUNTS,
    description: 'Weapons seized, by type.',
    example: { WEAPON_TYPE_ASSAULT_RIFLE: 4 },
  })
  weapons: Record<string, number>;

  @ApiProperty({ description: 'Rounds of ammunition seized.' })
  rounds: number;

  @ApiProperty({ description: 'Net mass of explosives seized, in kg.' })
  explosivesKg: number;

  @ApiProperty({ type: [PersonFigureDto], description: 'Persons involved, by sex × age group × role.' })
  persons: PersonFigureDto[];
}

export class WindowsDto implements Record<PictureWindow, WindowFigures> {
  @ApiProperty({ type: WindowFiguresDto })
  '24h': WindowFiguresDto;

  @ApiProperty({ type: WindowFiguresDto })
  '7d': WindowFiguresDto;

  @ApiProperty({ type: WindowFiguresDto })
  '30d': WindowFiguresDto;
}

export class SectionPictureDto implements SectionPicture {
  @ApiProperty({ example: 'tj-af-panj' })
  id: string;

  @ApiProperty({ example: 'Panj river' })
  name: string;

  @ApiProperty({ type: [String], example: ['TJ', 'AF'] })
  countries: string[];

  @ApiProperty({ type: [String], example: ['afghan-border'] })
  regions: string[];

  @ApiPropertyOptional({ type: SectionImpactDto })
  impact?: SectionImpactDto;

  @ApiProperty({ type: WindowsDto, description: 'Figures over the last 24 hours, 7 days and 30 days.' })
  windows: WindowsDto;
}

/** Response of GET /v1/picture. */
export class PictureDto {
  @ApiProperty({ type: [SectionPictureDto] })
  sections: SectionPictureDto[];
}
