import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CAP_MEDIA_TYPE } from '#cap';
import { AlertSchema } from '#contracts';
import { CurrentPrincipal } from '../access/current-principal.js';
import type { Principal } from '../access/principal.js';
import { Roles } from '../access/route-access.js';
import { messageBody } from '../openapi/message-body.js';
import type { AcceptedResponseDto } from '../openapi/responses.dto.js';
import { ApiSubmissionResponses } from '../openapi/submission-responses.js';
import { AlertsService } from './alerts.service.js';

const BODY = messageBody(
  AlertSchema,
  'alert',
  'A borderlink.v1.Alert in the protobuf JSON mapping (camelCase fields, enum names such as ' +
    '"CATEGORY_SMALL_ARMS_LIGHT_WEAPONS"). The node sets `sender` (absent or this node), `actor` ' +
    '(absent or the caller, named inside the signed bytes) and `sent`, and a UUIDv7 `id` when ' +
    'absent; a client that sets `id` itself can retry safely. An UPDATE or CANCEL of the agency’s ' +
    'earlier alert needs the supervisor role as well. With `content-type: application/cap+xml` the ' +
    'body is an OASIS CAP 1.2 document instead (docs/protocol.md, section 14): refused with the ' +
    'schema’s reason (field `document`) or each element without a Borderlink form by its CAP path; the ' +
    'node sends it as its own alert, keeping the document’s sender and identifier in `cap`.',
);

@ApiTags('alerts')
@Controller('v1/alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @Post()
  @Roles('author')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Publish an alert to the subscribers of its regions and categories, and its addressees',
  })
  @ApiBody(BODY)
  @ApiConsumes('application/json', CAP_MEDIA_TYPE)
  @ApiQuery({
    name: 'regions',
    required: false,
    type: String,
    description:
      'A CAP document only: the registry regions it concerns, comma-separated, besides those it names itself.',
  })
  @ApiSubmissionResponses()
  publish(@Body() body: unknown, @CurrentPrincipal() principal: Principal): Promise<AcceptedResponseDto> {
    return this.alerts.publish(body, principal);
  }
}
