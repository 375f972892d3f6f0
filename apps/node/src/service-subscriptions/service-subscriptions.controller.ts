import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Sse,
  UseFilters,
  type MessageEvent,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { finalize, map, type Observable } from 'rxjs';
import { CurrentPrincipal } from '../access/current-principal.js';
import type { Principal } from '../access/principal.js';
import { Roles } from '../access/route-access.js';
import { StreamSlots } from '../access/stream-slots.js';
import { InvalidMessageError } from '../common/common.errors.js';
import {
  AccessLogUnavailableResponseDto,
  InvalidResponseDto,
  MessageErrorResponseDto,
} from '../openapi/responses.dto.js';
import {
  CreatedServiceSubscriptionDto,
  ServiceSubscriptionDto,
  ServiceSubscriptionListDto,
  ServiceSubscriptionRequestDto,
  WebhookReportDto,
} from './dto/service-subscription.dto.js';
import { ServiceSubscriptionsErrorFilter } from './service-subscriptions.filter.js';
import { ServiceSubscriptionsService } from './service-subscriptions.service.js';

// A log position: a Redis stream id.
const POSITION = /^\d{1,20}-\d{1,20}$/;
const NOT_FOUND = {
  type: MessageErrorResponseDto,
  description: 'No such subscription, or none the caller may see.',
};

@ApiTags('service-subscriptions')
@Controller('v1/service-subscriptions')
@Roles('reader')
@UseFilters(ServiceSubscriptionsErrorFilter)
export class ServiceSubscriptionsController {
  constructor(
    private readonly subscriptions: ServiceSubscriptionsService,
    private readonly slots: StreamSlots,
  ) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: 'Subscribes the calling service (API key) to what its node takes in, by filter',
    description:
      'Each message the node takes in from then on that matches is appended to the subscription’s ' +
      'own log, read by its live stream and, when `endpoint` is given, POSTed to it signed. The ' +
      'answer holds the webhook secret, shown only once. Only API keys subscribe (403 for a person); ' +
      '`maxHandling` above the key’s clearance, an unknown region, section or category, or an endpoint ' +
      'that is not https (or http to loopback) is refused naming the field.',
  })
  @ApiCreatedResponse({ type: CreatedServiceSubscriptionDto })
  @ApiBadRequestResponse({ type: InvalidResponseDto })
  async create(
    @Body() body: ServiceSubscriptionRequestDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CreatedServiceSubscriptionDto> {
    return this.subscriptions.create(principal, body);
  }

  @Get()
  @Roles('reader', 'administrator')
  @ApiOperation({
    summary: 'The caller’s service subscriptions; for an administrator, all of the agency’s',
  })
  @ApiOkResponse({ type: ServiceSubscriptionListDto })
  async list(@CurrentPrincipal() principal: Principal): Promise<ServiceSubscriptionListDto> {
    return { items: await this.subscriptions.list(principal) };
  }

  @Get(':id')
  @Roles('reader', 'administrator')
  @ApiOperation({ summary: 'One service subscription, for its owner or an administrator' })
  @ApiOkResponse({ type: ServiceSubscriptionDto })
  @ApiNotFoundResponse(NOT_FOUND)
  get(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ServiceSubscriptionDto> {
    return this.subscriptions.get(principal, id);
  }

  @Put(':id')
  @ApiOperation({
    summary: 'Replaces the filter and endpoint of the caller’s own subscription',
    description: 'The secret and the log stay; what is in the log already is not filtered again.',
  })
  @ApiOkResponse({ type: ServiceSubscriptionDto })
  @ApiBadRequestResponse({ type: InvalidResponseDto })
  @ApiNotFoundResponse(NOT_FOUND)
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ServiceSubscriptionRequestDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ServiceSubscriptionDto> {
    return this.subscriptions.update(principal, id, body);
  }

  @Delete(':id')
  @Roles('reader', 'administrator')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Removes a subscription with its log (its owner, or an administrator)' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse(NOT_FOUND)
  async remove(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<void> {
    await this.subscriptions.remove(principal, id);
  }

  @Get(':id/deliveries')
  @Roles('reader', 'administrator')
  @ApiOperation({
    summary: 'Where the subscription’s webhook stands, with its latest attempts',
    description: 'Status codes, errors and durations of the latest 50 attempts, newest first.',
  })
  @ApiOkResponse({ type: WebhookReportDto })
  @ApiBadRequestResponse({ type: InvalidResponseDto, description: 'The subscription has no webhook.' })
  @ApiNotFoundResponse(NOT_FOUND)
  deliveries(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<WebhookReportDto> {
    return this.subscriptions.webhook(principal, id);
  }

  @Post(':id/enable')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Enables the owner’s webhook again after it was disabled; it resumes where it stopped',
  })
  @ApiOkResponse({ type: WebhookReportDto })
  @ApiBadRequestResponse({ type: InvalidResponseDto, description: 'The subscription has no webhook.' })
  @ApiNotFoundResponse(NOT_FOUND)
  enable(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<WebhookReportDto> {
    return this.subscriptions.enable(principal, id);
  }

  @Sse(':id/stream')
  @ApiOperation({
    summary: 'Server-sent events: the subscription’s log, from where the caller left off',
    description:
      'Each event’s id is its position in the log; after a reconnect, `Last-Event-ID` gives exactly ' +
      'what followed it, with no gap and no repeat. Without it the stream starts at the oldest ' +
      'position the log keeps. Only the owner streams; only what its clearance and the ' +
      'subscription’s `maxHandling` admit is sent, each item in the access log first (a failed ' +
      'record ends the stream with an `error` event). Counts against the live stream caps (429).',
  })
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'The id of the last event received.' })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description:
      'An event stream: each match is a `message` event (`id: <position>`, `data: <inbox item JSON>`).',
  })
  @ApiBadRequestResponse({ type: InvalidResponseDto })
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiServiceUnavailableResponse({ type: AccessLogUnavailableResponseDto })
  async stream(
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('last-event-id') lastEventId: string | undefined,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Observable<MessageEvent>> {
    const after = lastEventId === undefined || lastEventId === '' ? '0' : lastEventId;
    if (after !== '0' && !POSITION.test(after)) {
      throw new InvalidMessageError([{ field: 'Last-Event-ID', reason: 'is not a position of the log' }]);
    }
    const events = await this.subscriptions.stream(principal, id, after);
    const release = this.slots.acquire(principal.id);
    return events.pipe(
      map(({ position, item }) => ({ id: position, data: item })),
      finalize(release),
    );
  }
}
