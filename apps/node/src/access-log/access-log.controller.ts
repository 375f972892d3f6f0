import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { clearanceCovers } from '#access';
import { ForbiddenError } from '../access/access.errors.js';
import { CurrentPrincipal } from '../access/current-principal.js';
import type { Principal } from '../access/principal.js';
import { Roles } from '../access/route-access.js';
import { InvalidResponseDto } from '../openapi/responses.dto.js';
import { AccessLogService } from './access-log.service.js';
import { AccessLogQueryDto } from './dto/access-log-query.dto.js';
import { AccessLogExportDto } from './dto/access-log.dto.js';

@ApiTags('audit')
@Controller('v1/access-log')
@Roles('monitor', 'administrator')
export class AccessLogController {
  constructor(private readonly accessLog: AccessLogService) {}

  @Get()
  @ApiOperation({
    summary: 'Who was handed which message: the node’s hash-chained access log, with its signed head',
    description:
      '`borderlink access-log export` reads every page, `borderlink access-log verify` checks the ' +
      'chain and the head’s signature (docs/security.md). It names TLP:RED messages, so it needs ' +
      'clearance for TLP:RED.',
  })
  @ApiOkResponse({ type: AccessLogExportDto })
  @ApiBadRequestResponse({ type: InvalidResponseDto })
  entries(@Query() query: AccessLogQueryDto, @CurrentPrincipal() principal: Principal): AccessLogExportDto {
    // The entries name messages of every label: without RED clearance their existence would leak.
    if (!clearanceCovers(principal.clearance, 'red'))
      throw new ForbiddenError('the access log names TLP:RED messages: it needs clearance red');
    return this.accessLog.export(principal, query.after, query.limit);
  }
}
