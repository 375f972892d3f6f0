import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import {
  AcceptedResponseDto,
  InvalidResponseDto,
  MessageErrorResponseDto,
} from '../common/dto/error-responses.dto.js';
import { ReceiptRequestDto } from './dto/receipt-request.dto.js';
import { SentMessageDto } from './dto/sent-message.dto.js';
import { ReceiptsService } from './receipts.service.js';
import { SentMessagesService } from './sent-messages.service.js';

@ApiTags('messages')
@Controller('v1/messages')
export class MessagesController {
  constructor(
    private readonly sent: SentMessagesService,
    private readonly receipts: ReceiptsService,
  ) {}

  @Get(':id')
  @ApiOperation({
    summary: 'For the sender: whether the hub accepted a message, and each recipient’s delivery state',
  })
  @ApiOkResponse({ type: SentMessageDto })
  @ApiNotFoundResponse({ type: MessageErrorResponseDto, description: 'This node sent no such message.' })
  status(@Param('id') id: string): Promise<SentMessageDto> {
    return this.sent.status(id);
  }

  @Post(':id/receipts')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Answer a received message: read, acknowledged, or declined with a reason' })
  @ApiAcceptedResponse({
    type: AcceptedResponseDto,
    description: 'The signed receipt is on its way; `id` is its id.',
  })
  @ApiBadRequestResponse({ type: InvalidResponseDto })
  @ApiNotFoundResponse({
    type: MessageErrorResponseDto,
    description: 'No such message in this node’s inbox.',
  })
  @ApiConflictResponse({ type: MessageErrorResponseDto, description: 'The message failed verification.' })
  @ApiServiceUnavailableResponse({ type: MessageErrorResponseDto })
  answer(@Param('id') id: string, @Body() body: ReceiptRequestDto): Promise<AcceptedResponseDto> {
    return this.receipts.answer(id, body.kind, body.reason);
  }
}
