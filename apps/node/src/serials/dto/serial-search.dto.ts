import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import type { SearchHit } from '../serials.service.js';

/** Query of GET /v1/search. */
export class SerialSearchQueryDto {
  @ApiProperty({
    description: 'A weapon serial as written, e.g. `ЛО 2645`, `LO-2645` or `LO-26?5`.',
    example: 'LO-2645',
  })
  @IsString()
  @Length(1, 64)
  serial: string;
}

export class SerialHitDto implements SearchHit {
  @ApiProperty({ description: 'The serial normalised.', example: 'LO2645' })
  serial: string;

  @ApiProperty({ description: 'As the message wrote it.', example: 'ЛО 2645' })
  written: string;

  @ApiProperty({ description: 'The message id.' })
  message: string;

  @ApiProperty({ enum: ['alert', 'notice'] })
  kind: string;

  @ApiProperty({ example: 'kz-border' })
  sender: string;

  @ApiProperty({ example: 'TLP:AMBER;H2' })
  handling: string;

  @ApiProperty({ enum: ['exact', 'partial'] })
  match: 'exact' | 'partial';
}

/** Response of GET /v1/search. */
export class SerialSearchDto {
  @ApiProperty({ type: [SerialHitDto] })
  items: SerialHitDto[];
}
