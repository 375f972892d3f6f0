import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CATEGORY_TOKEN_LIST } from '#contracts';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import {
  HANDLING_LEVELS,
  SEVERITIES,
  SUBSCRIBED_KINDS,
  type HandlingLevel,
  type SeverityLevel,
  type SubscribedKind,
} from '../service-subscription.js';

// Registry ids: what the registry's regions and sections are named by.
const REGISTRY_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const LIST_MAX = 100;

// Named apart from the narrowing's SubscriptionFilterDto: Swagger keys schemas by class name, and
// one of the two would stand for both in the OpenAPI document.
/** What a service subscription receives. */
export class ServiceSubscriptionFilterDto {
  @ApiPropertyOptional({
    type: [String],
    example: ['afghan-border'],
    description:
      'Registry regions, any one of which the message concerns (its `regions`, or the region it was delivered under). Absent or empty: any.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIST_MAX)
  @Matches(REGISTRY_ID, { each: true, message: 'each region must be a registry id' })
  regions?: string[];

  @ApiPropertyOptional({
    type: [String],
    enum: CATEGORY_TOKEN_LIST,
    example: ['explosives'],
    description: 'Category tokens, as in registry subscriptions. Absent or empty: any.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIST_MAX)
  @IsIn(CATEGORY_TOKEN_LIST, { each: true })
  categories?: string[];

  @ApiPropertyOptional({
    enum: SEVERITIES,
    example: 'severe',
    description:
      'The lowest OASIS CAP severity received; a message without a severity (a notice) never passes one.',
  })
  @IsOptional()
  @IsIn(SEVERITIES)
  minSeverity?: SeverityLevel;

  @ApiPropertyOptional({
    type: [String],
    example: ['tj-af-panj'],
    description: 'Registry border sections, any one of which the message names. Absent or empty: any.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIST_MAX)
  @Matches(REGISTRY_ID, { each: true, message: 'each section must be a registry id' })
  sections?: string[];

  @ApiPropertyOptional({
    enum: SUBSCRIBED_KINDS,
    isArray: true,
    description: 'Inbox kinds. Absent or empty: any.',
  })
  @IsOptional()
  @IsArray()
  @IsIn(SUBSCRIBED_KINDS, { each: true })
  kinds?: SubscribedKind[];

  @ApiProperty({
    enum: HANDLING_LEVELS,
    example: 'TLP:AMBER',
    description: 'The most restricted handling received; at most what the key’s clearance admits.',
  })
  @IsIn(HANDLING_LEVELS)
  maxHandling: HandlingLevel;
}

/** Body of POST and PUT /v1/service-subscriptions: the filter, and the webhook endpoint if any. */
export class ServiceSubscriptionRequestDto extends ServiceSubscriptionFilterDto {
  @ApiPropertyOptional({
    example: 'https://cases.border.tj/borderlink/webhook',
    description: 'Where each match is POSTed, signed (Standard Webhooks): https, or http to loopback.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2_000)
  endpoint?: string;
}

/** A service subscription as its owner (or an administrator) is shown it. */
export class ServiceSubscriptionDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'service:4f1c2a9e8b7d6c5a', description: 'The API key that owns it.' })
  owner: string;

  @ApiProperty({ example: 'case-system', description: 'The key’s name when it was created.' })
  ownerName: string;

  @ApiProperty({ type: ServiceSubscriptionFilterDto, description: 'What it receives.' })
  filter: ServiceSubscriptionFilterDto;

  @ApiPropertyOptional({ description: 'Its webhook endpoint, if any.' })
  endpoint?: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

/** The answer to POST /v1/service-subscriptions: the subscription and its webhook secret, shown once. */
export class CreatedServiceSubscriptionDto extends ServiceSubscriptionDto {
  @ApiProperty({
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    description: 'The webhook signing secret (Standard Webhooks). Shown only now: keep it.',
  })
  secret: string;
}

/** The service subscriptions the caller may see. */
export class ServiceSubscriptionListDto {
  @ApiProperty({ type: [ServiceSubscriptionDto] })
  items: ServiceSubscriptionDto[];
}

/** One attempt to deliver a message to a webhook. */
export class WebhookAttemptDto {
  @ApiProperty({ description: 'The `webhook-id` sent: the same on every attempt at one message.' })
  id: string;

  @ApiProperty()
  message: string;

  @ApiProperty({ description: 'The message’s position in the subscription’s log.' })
  position: string;

  @ApiProperty({ format: 'date-time' })
  at: string;

  @ApiPropertyOptional({ description: 'The endpoint’s HTTP status; absent when it did not answer.' })
  status?: number;

  @ApiProperty()
  ok: boolean;

  @ApiPropertyOptional({ example: 'HTTP 503' })
  error?: string;

  @ApiProperty()
  durationMs: number;
}

/** Where a subscription’s webhook stands. */
export class WebhookReportDto {
  @ApiProperty()
  endpoint: string;

  @ApiProperty({ enum: ['active', 'retrying', 'disabled'] })
  status: 'active' | 'retrying' | 'disabled';

  @ApiProperty({ description: 'The log position of the last message delivered; `0` before any.' })
  cursor: string;

  @ApiProperty({ description: 'Consecutive failed attempts at the next message.' })
  failures: number;

  @ApiPropertyOptional({ format: 'date-time' })
  retryAt?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  disabledAt?: string;

  @ApiProperty({ type: [WebhookAttemptDto], description: 'The latest attempts, newest first (at most 50).' })
  attempts: WebhookAttemptDto[];
}
