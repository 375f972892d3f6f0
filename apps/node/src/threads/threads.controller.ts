import { Controller, Get, Param } from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal } from '../access/current-principal.js';
import type { Principal } from '../access/principal.js';
import { Roles } from '../access/route-access.js';
import { AccessLogUnavailableResponseDto, MessageErrorResponseDto } from '../openapi/responses.dto.js';
import { ThreadDto } from './dto/thread.dto.js';
import { ThreadsService } from './threads.service.js';

@ApiTags('threads')
@Controller('v1/threads')
export class ThreadsController {
  constructor(private readonly threads: ThreadsService) {}

  @Get(':id')
  @Roles('reader')
  @ApiOperation({
    summary: 'A thread in order: what this node received and sent in it, each with its state or receipts',
    description:
      'A thread is named by the message that opened it (a notice’s `thread`, an alert’s `incident` or ' +
      'its own id). Only messages the caller’s clearance admits are listed; each is in the node’s access ' +
      'log as a `read` before the answer (503 when it cannot be recorded).',
  })
  @ApiOkResponse({ type: ThreadDto })
  @ApiNotFoundResponse({
    type: MessageErrorResponseDto,
    description: 'This node holds no message of the thread that the caller may see.',
  })
  @ApiServiceUnavailableResponse({ type: AccessLogUnavailableResponseDto })
  async view(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<ThreadDto> {
    return { id, items: await this.threads.view(id, principal) };
  }
}
