import { Body, Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal } from '../access/current-principal.js';
import type { Principal } from '../access/principal.js';
import { Roles } from '../access/route-access.js';
import {
  AcceptedResponseDto,
  InvalidResponseDto,
  MessageErrorResponseDto,
} from '../openapi/responses.dto.js';
import { ReceiptRequestDto } from './dto/receipt-request.dto.js';
import { ReceiptsService } from './receipts.service.js';

@ApiTags('messages')
@Controller('v1/messages')
export class ReceiptsController {
  constructor(private readonly receipts: ReceiptsService) {}

  @Post(':id/receipts')
  @Roles('author')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Answer a received message: read, acknowledged, or declined with a reason',
    // Stable for clients generated from the document, whichever class serves it.
    operationId: 'MessagesController_answer',
  })
  @ApiAcceptedResponse({
    type: AcceptedResponseDto,
    description: 'The signed receipt is on its way; `id` is its id.',
  })
  @ApiBadRequestResponse({ type: InvalidResponseDto })
  @ApiNotFoundResponse({
    type: MessageErrorResponseDto,
    description: 'No such message in this node’s inbox, or none the caller’s clearance admits.',
  })
  @ApiConflictResponse({ type: MessageErrorResponseDto, description: 'The message failed verification.' })
  @ApiServiceUnavailableResponse({ type: MessageErrorResponseDto })
  answer(
    @Param('id') id: string,
    @Body() body: ReceiptRequestDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AcceptedResponseDto> {
    return this.receipts.answer(id, body.kind, body.reason ?? '', principal);
  }
}
