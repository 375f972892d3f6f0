import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { WITNESS_PAGE_MAX } from '../witness.service.js';

/** Query of GET /v1/audit/witness. */
export class WitnessQueryDto {
  @ApiPropertyOptional({
    description:
      'Statements of audit positions after this one (decimal); `0` for all. By default, from the ' +
      'newest checkpoint this node holds: the entries none of its checkpoints covers.',
    example: '1000',
  })
  @IsOptional()
  @Matches(/^(0|[1-9][0-9]{0,18})$/, { message: 'since must be an audit position (decimal)' })
  since?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: WITNESS_PAGE_MAX, default: WITNESS_PAGE_MAX })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(WITNESS_PAGE_MAX)
  limit: number = WITNESS_PAGE_MAX;
}
