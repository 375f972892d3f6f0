import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ACCESS_LOG_PAGE_MAX } from '../access-log.service.js';

/** Query of GET /v1/access-log. */
export class AccessLogQueryDto {
  @ApiPropertyOptional({
    description: 'Entries after this sequence; `0` (the default) from the first.',
    minimum: 0,
    default: 0,
    example: 1000,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  after: number = 0;

  @ApiPropertyOptional({ minimum: 1, maximum: ACCESS_LOG_PAGE_MAX, default: ACCESS_LOG_PAGE_MAX })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(ACCESS_LOG_PAGE_MAX)
  limit: number = ACCESS_LOG_PAGE_MAX;
}
