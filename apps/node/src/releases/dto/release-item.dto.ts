import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ApprovalDto {
  @ApiProperty({ description: 'The supervisor’s principal id.' }) by: string;
  @ApiProperty({ format: 'date-time' }) at: string;
}

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
  @ApiPropertyOptional({
    type: [ApprovalDto],
    description: 'Who approved so far, where two supervisors must (TLP:RED, AMBER+STRICT).',
  })
  approvals?: ApprovalDto[];
}

/** Answer to the first approval of a release that needs two supervisors. */
export class AwaitingApprovalDto {
  @ApiProperty({ description: 'Id of the request.' }) request: string;
  @ApiProperty({ enum: ['awaiting-second-approval'] }) status: 'awaiting-second-approval';
  @ApiProperty({ type: [String], description: 'Principal ids of the supervisors who approved.' })
  approvedBy: string[];
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
