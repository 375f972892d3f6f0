import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ReleaseItemDto {
  @ApiProperty({ description: 'Id of the request.' }) request: string;
  @ApiProperty({ description: 'The message to release.' }) message: string;
  @ApiProperty() origin: string;
  @ApiProperty() requester: string;
  @ApiProperty({ description: 'The node it is to go to.' }) to: string;
  @ApiProperty() reason: string;
  @ApiProperty() receivedAt: string;
  @ApiPropertyOptional({ description: 'Set once decided.' }) approved?: boolean;
  @ApiPropertyOptional() decisionReason?: string;
}

/** GET /v1/releases. */
export class ReleasesOverviewDto {
  @ApiProperty({
    type: [ReleaseItemDto],
    description: 'Requests awaiting this node’s decision as originator.',
  })
  pending: ReleaseItemDto[];

  @ApiProperty({ type: [ReleaseItemDto], description: 'Originators’ answers to this node’s requests.' })
  answers: ReleaseItemDto[];
}
