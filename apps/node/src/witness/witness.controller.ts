import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InvalidResponseDto } from '../openapi/responses.dto.js';
import { WitnessQueryDto } from './dto/witness-query.dto.js';
import { WitnessRecordsDto } from './dto/witness.dto.js';
import { WitnessService } from './witness.service.js';

@ApiTags('audit')
@Controller('v1/audit')
export class WitnessController {
  constructor(private readonly witness: WitnessService) {}

  @Get('witness')
  @ApiOperation({
    summary: "What this node holds of the hub's audit chain: checkpoints and delivery statements",
    description:
      'Every record is signed by a hub, so `borderlink audit verify --witness <this node>` can prove ' +
      'the audit chain against it (docs/audit.md).',
  })
  @ApiOkResponse({ type: WitnessRecordsDto })
  @ApiBadRequestResponse({ type: InvalidResponseDto })
  records(@Query() query: WitnessQueryDto): WitnessRecordsDto {
    return this.witness.records(query.since === undefined ? undefined : BigInt(query.since), query.limit);
  }
}
