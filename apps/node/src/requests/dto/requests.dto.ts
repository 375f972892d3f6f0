import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import {
  ANSWER_STATES,
  REQUEST_FILTERS,
  type AddresseeStanding,
  type AnswerState,
  type RequestFilter,
} from '../request-state.js';
import type { RequestView } from '../requests.service.js';

/** Query of GET /v1/requests. */
export class RequestsQueryDto {
  @ApiProperty({ enum: ['incoming', 'outgoing'], description: 'Requests this node received, or sent.' })
  @IsIn(['incoming', 'outgoing'])
  side: 'incoming' | 'outgoing';

  @ApiPropertyOptional({
    enum: REQUEST_FILTERS,
    description: 'Only requests in this state; `overdue`: past the deadline unanswered.',
  })
  @IsOptional()
  @IsIn(REQUEST_FILTERS)
  state?: RequestFilter;
}

export class AddresseeStandingDto implements AddresseeStanding {
  @ApiProperty({ example: 'tj-border' })
  node: string;

  @ApiProperty({ enum: ANSWER_STATES })
  state: AnswerState;

  @ApiProperty()
  overdue: boolean;
}

export class RequestViewDto implements RequestView {
  @ApiProperty()
  id: string;

  @ApiProperty({ example: 'NOTICE_KIND_INFORMATION_REQUEST' })
  kind: string;

  @ApiProperty({ example: 'kz-border' })
  requester: string;

  @ApiProperty({ example: 'PRIORITY_URGENT' })
  priority: string;

  @ApiProperty({ format: 'date-time' })
  deadline: string;

  @ApiProperty()
  headline: string;

  @ApiProperty({ enum: ANSWER_STATES, description: 'The least advanced of its addressees.' })
  state: AnswerState;

  @ApiProperty({ description: 'An addressee owes an answer past the deadline.' })
  overdue: boolean;

  @ApiProperty({ type: [AddresseeStandingDto] })
  addressees: AddresseeStandingDto[];
}

/** Response of GET /v1/requests. */
export class RequestsDto {
  @ApiProperty({ type: [RequestViewDto], description: 'Overdue first, then by deadline.' })
  items: RequestViewDto[];
}
