import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../access/current-principal.js';
import type { Principal } from '../access/principal.js';
import { Roles } from '../access/route-access.js';
import { AccessLogUnavailableResponseDto } from '../openapi/responses.dto.js';
import { SerialSearchDto, SerialSearchQueryDto } from './dto/serial-search.dto.js';
import { SerialsService } from './serials.service.js';

@ApiTags('search')
@Controller('v1/search')
export class SerialsController {
  constructor(private readonly serials: SerialsService) {}

  @Get()
  @Roles('reader')
  @ApiOperation({
    summary: 'The messages this node holds that name a weapon serial, written in any script',
    description:
      'The serial is compared normalised: Cyrillic read as Latin (ЛО as LO, ЕК as EK), without spaces, ' +
      'dashes or leading zeros; `?`, `*` or `_` stand for a character ground off, and match partially. ' +
      'Only messages the caller’s clearance admits are listed, each in the access log as a `read` first.',
  })
  @ApiOkResponse({ type: SerialSearchDto })
  @ApiServiceUnavailableResponse({ type: AccessLogUnavailableResponseDto })
  async search(
    @Query() query: SerialSearchQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<SerialSearchDto> {
    return { items: await this.serials.search(query.serial, principal) };
  }
}
