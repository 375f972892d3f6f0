import { Controller, Get, Param } from '@nestjs/common';
import {
  ApiNotAcceptableResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CAP_MEDIA_TYPE } from '#cap';
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
      'Each answer is recorded in the node’s access log as a `read` first (503 when it cannot be). ' +
      'With `accept: application/cap+xml` it answers instead with an alert the node sent or holds as an ' +
      'OASIS CAP 1.2 document (docs/protocol.md, section 14).',
    // Stable for clients generated from the document, whichever class serves it.
    operationId: 'MessagesController_status',
  })
  @ApiOkResponse({ type: SentMessageDto })
  @ApiProduces('application/json', CAP_MEDIA_TYPE)
  @ApiNotAcceptableResponse({ description: 'Asked for as CAP, a message of a kind without a CAP form.' })
  @ApiNotFoundResponse({
    type: MessageErrorResponseDto,
    description: 'This node sent no such message, or none the caller’s clearance admits.',
  })
  @ApiServiceUnavailableResponse({ type: AccessLogUnavailableResponseDto })
  status(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<SentMessageDto> {
    return this.sent.status(id, principal);
  }
}
