import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { INBOX_KINDS, type InboxKind, type ShownItem } from '../inbox-item.js';
import { ITEM_STATES, type ItemState } from '../inbox-item.js';

/** OpenAPI description of an inbox item. */
export class InboxItemDto implements ShownItem {
  @ApiProperty()
  id: string;

  @ApiProperty({ enum: INBOX_KINDS })
  kind: InboxKind;

  @ApiProperty({ description: 'Origin node id (signed).', example: 'kz-border' })
  sender: string;

  @ApiProperty({ format: 'date-time' })
  receivedAt: string;

  @ApiProperty({
    description: 'Region token of the delivery; `direct` for explicit addressees.',
    example: 'afghan-border',
  })
  region: string;

  @ApiProperty({ description: 'Category token of the delivery; `general` when none.', example: 'salw' })
  category: string;

  @ApiProperty({ description: "True when the origin's signature verified against the registry." })
  verified: boolean;

  @ApiPropertyOptional({ description: 'Why verification failed, when it did.', example: 'signature-invalid' })
  verification?: string;

  @ApiProperty({ description: 'Signed handling label.', example: 'TLP:AMBER;H2' })
  handling: string;

  @ApiPropertyOptional({
    description:
      'True while the message came only over the national site’s fast path: the hub has not delivered ' +
      'it (yet). Its delivery by the hub clears it; an item that keeps it was refused by the hub, or is ' +
      'still on its way.',
  })
  viaSite?: boolean;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The message, protobuf JSON mapping.',
  })
  message: unknown;

  @ApiProperty({
    enum: ITEM_STATES,
    description:
      '`superseded` once its sender sent an update of it (`supersededBy` names the latest), `cancelled` ' +
      'once its sender cancelled it (`cancelledBy`); otherwise `active`. Only alerts change state.',
  })
  state: ItemState;

  @ApiPropertyOptional({ description: 'The latest update of this alert.' })
  supersededBy?: string;

  @ApiPropertyOptional({ description: 'The alert that cancelled this one.' })
  cancelledBy?: string;

  @ApiPropertyOptional({
    description: 'True once the alert’s `expires` has passed; listed only with `include=expired`.',
  })
  expired?: boolean;
}

/** Response of GET /v1/inbox. */
export class InboxListDto {
  @ApiProperty({ type: [InboxItemDto] })
  items: InboxItemDto[];

  @ApiPropertyOptional({
    minimum: 1,
    description: 'Cursor of the next, older page (pass it as `before`); absent on the last page.',
  })
  next?: number;
}
