import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ViolationDto } from '../../openapi/responses.dto.js';
import type { DeliveryState } from '../delivery-state.js';
import { SENT_KINDS, type SentMessage, type SentStatus } from '../sent-message.js';

const STATES: DeliveryState[] = ['pending', 'delivered', 'read', 'acknowledged', 'declined'];

export class RecipientStateDto {
  @ApiProperty({ example: 'tj-border' })
  node: string;

  @ApiProperty({
    enum: STATES,
    description: 'Only moves forward: pending → delivered → read → acknowledged | declined.',
  })
  state: DeliveryState;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;

  @ApiPropertyOptional({ description: "The recipient's reason, for declined." })
  reason?: string;
}

export class RejectionDto {
  @ApiProperty({ example: 'unknown-addressee', description: 'The typed rejection reason, kebab-case.' })
  reason: string;

  @ApiProperty()
  detail: string;

  @ApiProperty({ type: [ViolationDto] })
  violations: ViolationDto[];
}

/** Response of GET /v1/messages/:id. */
export class SentMessageDto implements SentMessage {
  @ApiProperty()
  id: string;

  @ApiProperty({ enum: SENT_KINDS })
  kind: string;

  @ApiProperty({
    enum: ['queued', 'accepted', 'rejected'],
    description:
      '`queued`: in the node’s outbox, waiting for the link; `accepted`: stored by JetStream, the hub routes it; ' +
      '`rejected`: refused by the hub (see `rejection`).',
  })
  status: SentStatus;

  @ApiPropertyOptional({
    description: 'The signed handling label; absent when the node rebuilt this state from the hub’s reports.',
    example: 'TLP:AMBER;H2',
  })
  handling?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description:
      'The message as this node sent it (protobuf JSON mapping); absent when rebuilt from the hub’s reports.',
  })
  message?: unknown;

  @ApiPropertyOptional({ type: RejectionDto })
  rejection?: RejectionDto;

  @ApiProperty({ type: [RecipientStateDto], description: 'Empty until the hub reports whom it routed to.' })
  recipients: RecipientStateDto[];
}
