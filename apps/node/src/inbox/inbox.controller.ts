import {
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Query,
  Sse,
  type MessageEvent,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { finalize, map, type Observable } from 'rxjs';
import { CurrentPrincipal } from '../access/current-principal.js';
import type { Principal } from '../access/principal.js';
import { AcceptsStreamTicket, Roles } from '../access/route-access.js';
import { StreamSlots } from '../access/stream-slots.js';
import { STREAM_TICKET_TTL_S, StreamTicketsRepository } from '../access/stream-tickets.repository.js';
import {
  AccessLogUnavailableResponseDto,
  InvalidResponseDto,
  MessageErrorResponseDto,
} from '../openapi/responses.dto.js';
import { InboxItemDto, InboxListDto } from './dto/inbox-item.dto.js';
import { InboxQueryDto } from './dto/inbox-query.dto.js';
import { StreamTicketDto } from './dto/stream-ticket.dto.js';
import { InboxService } from './inbox.service.js';

@ApiTags('inbox')
@Controller('v1/inbox')
@Roles('reader')
export class InboxController {
  constructor(
    private readonly inbox: InboxService,
    private readonly tickets: StreamTicketsRepository,
    private readonly slots: StreamSlots,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Received messages, newest first, each marked verified or not, with its state',
    description:
      'Pass `next` back as `before` to read the following (older) page. Items above the caller’s ' +
      'clearance are left out, and cursors count only what the caller may see. Expired alerts are ' +
      'left out unless `include=expired`. Every item of the ' +
      'page is in the node’s access log before the page is answered (503 when it cannot be recorded).',
  })
  @ApiOkResponse({ type: InboxListDto })
  @ApiBadRequestResponse({ type: InvalidResponseDto })
  @ApiServiceUnavailableResponse({ type: AccessLogUnavailableResponseDto })
  async list(@Query() query: InboxQueryDto, @CurrentPrincipal() principal: Principal): Promise<InboxListDto> {
    const { include, ...rest } = query;
    return this.inbox.list({ ...rest, includeExpired: include === 'expired' }, principal);
  }

  @Post('stream-tickets')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: 'A single-use ticket that opens the live stream once, within 30 s, for the caller',
    description:
      'For browsers, whose EventSource cannot send an Authorization header: ' +
      '`new EventSource("/v1/inbox/stream?ticket=" + ticket)`. Other clients send their credentials ' +
      'to the stream itself.',
  })
  @ApiCreatedResponse({ type: StreamTicketDto })
  async streamTicket(@CurrentPrincipal() principal: Principal): Promise<StreamTicketDto> {
    return { ticket: await this.tickets.issue(principal), expiresIn: STREAM_TICKET_TTL_S };
  }

  @Sse('stream')
  @AcceptsStreamTicket()
  @ApiOperation({
    summary: 'Server-sent events: one event per message taken into the inbox from now on',
    description:
      'Authenticated like any route, or with `?ticket=` from POST /v1/inbox/stream-tickets. Only ' +
      'items the caller’s clearance admits are sent. Live streams are capped per identity and in total (429). ' +
      'Each item is in the node’s access log before it is sent; one that cannot be recorded ends the ' +
      'stream with an `error` event instead.',
  })
  @ApiQuery({
    name: 'ticket',
    required: false,
    description: 'A stream ticket, instead of an Authorization header.',
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description:
      'An event stream: each new item is a `message` event (`id: <message id>`, `data: <inbox item ' +
      'JSON>`); each later change of an item the caller may see is a `state` event (`data: {"id", ' +
      '"state": "superseded" | "cancelled", "by"}`, no id).',
  })
  stream(@CurrentPrincipal() principal: Principal): Observable<MessageEvent> {
    const release = this.slots.acquire(principal.id);
    return this.inbox.stream(principal).pipe(
      map((event) =>
        event.type === 'item'
          ? { id: event.item.id, data: event.item }
          : { type: 'state', data: event.change },
      ),
      finalize(release),
    );
  }

  // After `stream`: routes match in the order they are declared, and `stream` is no message id.
  @Get(':id')
  @ApiOperation({
    summary: 'One received message by id, marked verified or not, with its state',
    description:
      'An item above the caller’s clearance answers 404 as one the inbox does not hold. An expired ' +
      'alert is answered, marked `expired`. The item is in the node’s access log as a `read` before ' +
      'it is answered (503 when it cannot be recorded).',
  })
  @ApiOkResponse({ type: InboxItemDto })
  @ApiNotFoundResponse({
    type: MessageErrorResponseDto,
    description: 'The inbox holds no such message, or none the caller’s clearance admits.',
  })
  @ApiServiceUnavailableResponse({ type: AccessLogUnavailableResponseDto })
  read(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<InboxItemDto> {
    return this.inbox.read(id, principal);
  }
}
