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
import { SentMessageDto } from './dto/sent-message.dto.js';
import { SentMessagesService } from './sent-messages.service.js';

@ApiTags('messages')
@Controller('v1/messages')
export class SentMessagesController {
  constructor(private readonly sent: SentMessagesService) {}

  @Get(':id')
  @Roles('reader')
  @ApiOperation({
    summary: 'For the sender: whether the hub accepted a message, and each recipient’s delivery state',
    description:
      'Each answer is recorded in the node’s access log as a `read` first (503 when it cannot be).',
    // Stable for clients generated from the document, whichever class serves it.
    operationId: 'MessagesController_status',
  })
  @ApiOkResponse({ type: SentMessageDto })
  @ApiNotFoundResponse({
    type: MessageErrorResponseDto,
    description: 'This node sent no such message, or none the caller’s clearance admits.',
  })
  @ApiServiceUnavailableResponse({ type: AccessLogUnavailableResponseDto })
  status(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<SentMessageDto> {
    return this.sent.status(id, principal);
  }
}
