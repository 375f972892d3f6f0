import { Body, Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiBody, ApiConflictResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReplySchema } from '#contracts';
import { CurrentPrincipal } from '../access/current-principal.js';
import type { Principal } from '../access/principal.js';
import { Roles } from '../access/route-access.js';
import { messageBody } from '../openapi/message-body.js';
import { MessageErrorResponseDto, type AcceptedResponseDto } from '../openapi/responses.dto.js';
import { ApiSubmissionResponses } from '../openapi/submission-responses.js';
import { RepliesService } from './replies.service.js';

const BODY = messageBody(
  ReplySchema,
  'reply',
  'A borderlink.v1.Reply in the protobuf JSON mapping; usually just `texts`. The node sets `sender`, ' +
    '`actor`, `sent` and a UUIDv7 `id` as for any message, `notice` (the alert or notice answered) and ' +
    '`thread` from the message replied to, `addressees` to the original’s other addressees when none are ' +
    'given (the hub adds the original’s sender), and `handling` to the original’s when absent; a handling ' +
    'wider than the original’s is refused.',
);

@ApiTags('messages')
@Controller('v1/messages')
export class RepliesController {
  constructor(private readonly replies: RepliesService) {}

  @Post(':id/replies')
  @Roles('author')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Reply to a received alert, notice or reply, within its thread, audience and handling',
  })
  @ApiBody(BODY)
  @ApiSubmissionResponses()
  @ApiNotFoundResponse({
    type: MessageErrorResponseDto,
    description: 'No such message in this node’s inbox, or none the caller’s clearance admits.',
  })
  @ApiConflictResponse({ type: MessageErrorResponseDto, description: 'The message failed verification.' })
  reply(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AcceptedResponseDto> {
    return this.replies.reply(id, body, principal);
  }
}
