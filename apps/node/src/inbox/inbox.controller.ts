import { Controller, Get, Query, Sse, type MessageEvent } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { map, type Observable } from 'rxjs';
import { InvalidResponseDto } from '../openapi/responses.dto.js';
import { InboxListDto } from './dto/inbox-item.dto.js';
import { InboxQueryDto } from './dto/inbox-query.dto.js';
import { InboxService } from './inbox.service.js';

@ApiTags('inbox')
@Controller('v1/inbox')
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  @Get()
  @ApiOperation({
    summary: 'Received messages, newest first, each marked verified or not',
    description: 'Pass `next` back as `before` to read the following (older) page.',
  })
  @ApiOkResponse({ type: InboxListDto })
  @ApiBadRequestResponse({ type: InvalidResponseDto })
  async list(@Query() query: InboxQueryDto): Promise<InboxListDto> {
    return this.inbox.list(query);
  }

  @Sse('stream')
  @ApiOperation({ summary: 'Server-sent events: one event per message taken into the inbox from now on' })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description: 'An event stream; each event is `id: <message id>` and `data: <inbox item JSON>`.',
  })
  stream(): Observable<MessageEvent> {
    return this.inbox.arrivals$().pipe(map((item) => ({ id: item.id, data: item })));
  }
}
