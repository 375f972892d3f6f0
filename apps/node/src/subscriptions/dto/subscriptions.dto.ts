import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RejectionDto } from '../../sent/dto/sent-message.dto.js';

/** One filter of a narrowing, in the protobuf JSON mapping of borderlink.v1.SubscriptionFilter. */
export class SubscriptionFilterDto {
  @ApiPropertyOptional({
    type: [String],
    description: 'Registry regions; absent or empty: any.',
    example: ['afghan-border'],
  })
  regions?: string[];

  @ApiPropertyOptional({
    type: [String],
    description: 'Category tokens (`salw`, …, `general`); absent or empty: any.',
    example: ['salw', 'explosives'],
  })
  categories?: string[];

  @ApiPropertyOptional({
    description:
      'The least severe an alert may be to pass; absent: any. An alert of unknown severity passes.',
    enum: ['SEVERITY_EXTREME', 'SEVERITY_SEVERE', 'SEVERITY_MODERATE', 'SEVERITY_MINOR', 'SEVERITY_UNKNOWN'],
    example: 'SEVERITY_SEVERE',
  })
  minSeverity?: string;

  @ApiPropertyOptional({
    type: [String],
    description: 'Border sections; absent or empty: any. An alert naming no section passes.',
    example: ['tj-af-panj'],
  })
  sections?: string[];
}

/** Body of PUT /v1/subscriptions: the whole narrowing, replacing the one before. */
export class PutSubscriptionsDto {
  @ApiProperty({
    type: [SubscriptionFilterDto],
    description:
      'A message reaches the node through its subscriptions when one filter admits it; none lifts the ' +
      'narrowing. Each must stay within the registry’s subscriptions of this node.',
  })
  filters: SubscriptionFilterDto[];
}

/** One registry subscription: every region × category pair of its lists (`*`: all). */
export class RegistrySubscriptionDto {
  @ApiProperty({ type: [String] }) regions: string[];
  @ApiProperty({ type: [String] }) categories: string[];
}

export class NarrowingChangeDto {
  @ApiProperty({
    description: 'The signed `subscription` message’s id, which the hub’s audit entry of the change names.',
  })
  id: string;
  @ApiProperty({ example: 'person:7d2a90c4' }) actor: string;
  @ApiProperty({ format: 'date-time' }) sent: string;

  @ApiProperty({
    enum: ['pending', 'accepted', 'rejected'],
    description:
      '`pending` until the hub’s answer is back, `accepted` once the hub applies it, `rejected` when it ' +
      'refused it (the narrowing before it stays in force).',
  })
  status: 'pending' | 'accepted' | 'rejected';

  @ApiPropertyOptional({ type: RejectionDto, description: 'The hub’s refusal, when `rejected`.' })
  rejection?: RejectionDto;
}

/** GET /v1/subscriptions: the registry’s ceiling and the node’s narrowing within it. */
export class SubscriptionsViewDto {
  @ApiProperty({
    type: [RegistrySubscriptionDto],
    description: 'The most this node may receive, as the registry says.',
  })
  ceiling: RegistrySubscriptionDto[];

  @ApiProperty({
    type: [SubscriptionFilterDto],
    description: 'The narrowing last sent (in force once `change.status` is `accepted`); empty: none.',
  })
  filters: SubscriptionFilterDto[];

  @ApiPropertyOptional({ type: NarrowingChangeDto, description: 'Absent while the node never narrowed.' })
  change?: NarrowingChangeDto;
}
