import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { INBOX_KINDS, type InboxKind } from '../inbox-item.js';

/** Query of GET /v1/inbox. */
export class InboxQueryDto {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: 200,
    default: 50,
    description: 'Most items returned, newest first.',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit: number = 50;

  @ApiPropertyOptional({ enum: INBOX_KINDS, description: 'Only items of this kind.' })
  @IsOptional()
  @IsIn(INBOX_KINDS)
  kind?: InboxKind;

  @ApiPropertyOptional({
    enum: ['expired'],
    description: '`expired` lists alerts whose `expires` has passed too; the default view leaves them out.',
  })
  @IsOptional()
  @IsIn(['expired'])
  include?: 'expired';

  @ApiPropertyOptional({
    minimum: 1,
    description:
      'A `next` cursor from an earlier page: list the items older than it. Cursors count from the ' +
      'oldest item, so pages neither skip nor repeat items while new ones arrive.',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  before?: number;
}
