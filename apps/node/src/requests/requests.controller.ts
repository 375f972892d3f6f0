import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../access/current-principal.js';
import type { Principal } from '../access/principal.js';
import { Roles } from '../access/route-access.js';
import { AccessLogUnavailableResponseDto } from '../openapi/responses.dto.js';
import { RequestsDto, RequestsQueryDto } from './dto/requests.dto.js';
import { RequestsService } from './requests.service.js';

@ApiTags('requests')
@Controller('v1/requests')
export class RequestsController {
  constructor(private readonly requests: RequestsService) {}

  @Get()
  @Roles('reader')
  @ApiOperation({
    summary: 'Requests for assistance, information, traces and joint operations, by side and state',
    description:
      'Each addressee moves `open → acknowledged → answered | declined` (its receipts and replies); one ' +
      'still open or acknowledged at the deadline is overdue, and the hub reminds it and tells the ' +
      'requester, then escalates at one and a half times the time allowed (reminder items in the inbox).',
  })
  @ApiOkResponse({ type: RequestsDto })
  @ApiServiceUnavailableResponse({ type: AccessLogUnavailableResponseDto })
  async list(
    @Query() query: RequestsQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<RequestsDto> {
    return { items: await this.requests.list(query.side, query.state, principal) };
  }
}
