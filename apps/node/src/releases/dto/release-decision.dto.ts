import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString } from 'class-validator';

/** Body of POST /v1/releases/:requestId/decision. */
export class ReleaseDecisionDto {
  @ApiProperty({ description: 'true releases the original message to the requested node.' })
  @IsBoolean()
  approve: boolean;

  @ApiPropertyOptional({ description: 'Required to refuse.', example: 'ongoing investigation' })
  @IsOptional()
  @IsString()
  reason?: string;
}
