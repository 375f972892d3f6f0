import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';

/** Body of POST /v1/messages/:id/releases: release this received message to a further node. */
export class ReleaseRequestDto {
  @ApiProperty({ description: 'Registry id of the node it should be released to.', example: 'interpol' })
  @IsString()
  to: string;

  @ApiPropertyOptional({
    description: 'Why that node needs it.',
    example: 'INTERPOL traces the serial numbers',
  })
  @IsOptional()
  @IsString()
  reason?: string;
}
