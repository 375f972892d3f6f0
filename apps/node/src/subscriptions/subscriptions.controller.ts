import { Body, Controller, Get, HttpCode, HttpStatus, Put } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../access/current-principal.js';
import type { Principal } from '../access/principal.js';
import { Roles } from '../access/route-access.js';
import type { AcceptedResponseDto } from '../openapi/responses.dto.js';
import { ApiSubmissionResponses } from '../openapi/submission-responses.js';
import { PutSubscriptionsDto, SubscriptionsViewDto } from './dto/subscriptions.dto.js';
import { SubscriptionsService } from './subscriptions.service.js';

@ApiTags('subscriptions')
@Controller('v1/subscriptions')
export class SubscriptionsController {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  @Get()
  @Roles('administrator')
  @ApiOperation({
    summary: 'What this node receives by subscription: the registry’s ceiling and its narrowing',
  })
  @ApiOkResponse({ type: SubscriptionsViewDto })
  async view(): Promise<SubscriptionsViewDto> {
    return (await this.subscriptions.view()) as SubscriptionsViewDto;
  }

  @Put()
  @Roles('administrator')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary:
      'Narrow what the hub routes to this node by subscription (regions, categories, minimum severity, ' +
      'border sections) within the registry’s ceiling; addressed messages always arrive',
  })
  @ApiBody({ type: PutSubscriptionsDto })
  @ApiSubmissionResponses()
  replace(@Body() body: unknown, @CurrentPrincipal() principal: Principal): Promise<AcceptedResponseDto> {
    return this.subscriptions.replace(body, principal.id);
  }
}
