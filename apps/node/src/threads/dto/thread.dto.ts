import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ITEM_STATES, type ItemState } from '../../inbox/inbox-item.js';
import { RecipientStateDto } from '../../sent/dto/sent-message.dto.js';
import type { ThreadEntry } from '../thread-entry.js';

/** OpenAPI description of one message of a thread. */
export class ThreadEntryDto implements ThreadEntry {
  @ApiProperty()
  id: string;

  @ApiProperty({ enum: ['alert', 'notice', 'reply'] })
  kind: string;

  @ApiProperty({ enum: ['received', 'sent'] })
  direction: 'received' | 'sent';

  @ApiProperty({ example: 'kz-border' })
  sender: string;

  @ApiProperty({ format: 'date-time', description: 'The signed sent time: the thread’s order.' })
  sent: string;

  @ApiProperty({ example: 'TLP:AMBER;H2' })
  handling: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The message, protobuf JSON mapping.',
  })
  message: unknown;

  @ApiPropertyOptional({ enum: ITEM_STATES, description: 'Where a received message stands.' })
  state?: ItemState;

  @ApiPropertyOptional()
  supersededBy?: string;

  @ApiPropertyOptional()
  cancelledBy?: string;

  @ApiPropertyOptional({
    type: [RecipientStateDto],
    description: 'For a message this node sent: each recipient’s delivery state.',
  })
  receipts?: RecipientStateDto[];
}

/** Response of GET /v1/threads/:id. */
export class ThreadDto {
  @ApiProperty()
  id: string;

  @ApiProperty({ type: [ThreadEntryDto], description: 'Oldest first.' })
  items: ThreadEntryDto[];
}
