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
import { TracesDto } from './dto/trace.dto.js';
import { TracesService } from './traces.service.js';

@ApiTags('messages')
@Controller('v1/messages')
export class TracesController {
  constructor(private readonly traces: TracesService) {}

  @Get(':id/traces')
  @Roles('reader')
  @ApiOperation({
    summary: 'The firearms trace requests linked to a seizure alert, and where each stands',
    description:
      'A trace request links to its seizure alert by `trace.seizureAlert`; its addressees move it on ' +
      'with replies carrying `traceStatus` (and `traceResult` when traced). Only what the caller may ' +
      'see, each in the access log as a `read` first.',
  })
  @ApiOkResponse({ type: TracesDto })
  @ApiNotFoundResponse({
    type: MessageErrorResponseDto,
    description: 'This node holds no such alert, or none the caller’s clearance admits.',
  })
  @ApiServiceUnavailableResponse({ type: AccessLogUnavailableResponseDto })
  async list(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<TracesDto> {
    return { items: await this.traces.ofAlert(id, principal) };
  }
}
