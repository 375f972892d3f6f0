import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { NoticeSchema } from '#contracts';
import { CurrentPrincipal } from '../access/current-principal.js';
import type { Principal } from '../access/principal.js';
import { Roles } from '../access/route-access.js';
import { messageBody } from '../openapi/message-body.js';
import type { AcceptedResponseDto } from '../openapi/responses.dto.js';
import { ApiSubmissionResponses } from '../openapi/submission-responses.js';
import { NoticesService } from './notices.service.js';

const BODY = messageBody(
  NoticeSchema,
  'notice',
  'A borderlink.v1.Notice in the protobuf JSON mapping. The node sets `sender` (absent or this node), ' +
    '`actor` (absent or the caller) and ' +
    '`sent`, a UUIDv7 `id` when absent, `thread` (the notice’s own id) when absent, and `deadline` from ' +
    '`priority` when absent (urgent 8 h, high 3 days, routine 7 days).',
);

@ApiTags('notices')
@Controller('v1/notices')
export class NoticesController {
  constructor(private readonly notices: NoticesService) {}

  @Post()
  @Roles('author')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Send a coordination notice to its addressees' })
  @ApiBody(BODY)
  @ApiSubmissionResponses()
  publish(@Body() body: unknown, @CurrentPrincipal() principal: Principal): Promise<AcceptedResponseDto> {
    return this.notices.publish(body, principal);
  }
}
