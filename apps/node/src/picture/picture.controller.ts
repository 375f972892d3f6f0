import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal } from '../access/current-principal.js';
import type { Principal } from '../access/principal.js';
import { Roles } from '../access/route-access.js';
import { MessageErrorResponseDto } from '../openapi/responses.dto.js';
import { PictureDto, PictureQueryDto, SectionPictureDto } from './dto/picture.dto.js';
import { pictureCsv } from './picture-csv.js';
import { PictureService, type SectionPicture } from './picture.service.js';

const DESCRIPTION =
  'Built by this node from the alerts and notices it received and sent, counting only those the ' +
  'caller’s clearance admits: actual alerts (not exercises), current versions (an update replaces ' +
  'the figures of what it updates, a cancel removes them), by signed sent time; the impact level from ' +
  'the latest impact-level change or situation report (EUROSUR: low, medium, high).';

@ApiTags('picture')
@Controller('v1/picture')
@Roles('reader')
export class PictureController {
  constructor(private readonly picture: PictureService) {}

  @Get()
  @ApiOperation({ summary: 'The situational picture of every border section', description: DESCRIPTION })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: PictureDto })
  async all(
    @Query() query: PictureQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PictureDto | string> {
    return this.answer(await this.picture.all(principal), query, response, (sections) => ({ sections }));
  }

  @Get('sections/:id')
  @ApiOperation({ summary: 'The situational picture of one border section', description: DESCRIPTION })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: SectionPictureDto })
  @ApiNotFoundResponse({ type: MessageErrorResponseDto, description: 'The registry has no such section.' })
  async section(
    @Param('id') id: string,
    @Query() query: PictureQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SectionPictureDto | string> {
    return this.answer([await this.picture.section(id, principal)], query, response, ([only]) => only!);
  }

  private answer<T>(
    pictures: SectionPicture[],
    query: PictureQueryDto,
    response: Response,
    json: (pictures: SectionPicture[]) => T,
  ): T | string {
    if (query.format !== 'csv') return json(pictures);
    response.type('text/csv');
    return pictureCsv(pictures);
  }
}
