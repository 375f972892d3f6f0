import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { clearanceCovers } from '#access';
import { ForbiddenError } from '../access/access.errors.js';
import { CurrentPrincipal } from '../access/current-principal.js';
import type { Principal } from '../access/principal.js';
import { Roles } from '../access/route-access.js';
import { InvalidResponseDto } from '../openapi/responses.dto.js';
import { WitnessQueryDto } from './dto/witness-query.dto.js';
import { WitnessRecordsDto } from './dto/witness.dto.js';
import { WitnessService } from './witness.service.js';

@ApiTags('audit')
@Controller('v1/audit')
@Roles('monitor', 'administrator')
export class WitnessController {
  constructor(private readonly witness: WitnessService) {}

  @Get('witness')
  @ApiOperation({
    summary: "What this node holds of the hub's audit chain: checkpoints and delivery statements",
    description:
      'Every record is signed by a hub, so `borderlink audit verify --witness <this node>` can prove ' +
      'the audit chain against it (docs/audit.md). It names every message the node took in, TLP:RED ' +
      'ones included, so it needs clearance for TLP:RED.',
  })
  @ApiOkResponse({ type: WitnessRecordsDto })
  @ApiBadRequestResponse({ type: InvalidResponseDto })
  records(@Query() query: WitnessQueryDto, @CurrentPrincipal() principal: Principal): WitnessRecordsDto {
    // The statements name messages of every label: without RED clearance their existence would leak.
    if (!clearanceCovers(principal.clearance, 'red'))
      throw new ForbiddenError('the witness names TLP:RED messages: it needs clearance red');
    return this.witness.records(query.since === undefined ? undefined : BigInt(query.since), query.limit);
  }
}
