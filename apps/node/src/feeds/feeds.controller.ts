import { Controller, Get, Header, Param, Req } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CAP_MEDIA_TYPE } from '#cap';
import { PublicRoute } from '#runtime';
import { MessageErrorResponseDto } from '../openapi/responses.dto.js';
import { FEED_ENTRIES, FeedsService } from './feeds.service.js';

/** Where the requester reached this node, for the feed's absolute links. */
function baseOf(request: Request): string {
  return `${request.protocol}://${request.get('host') ?? 'localhost'}`;
}

// TLP:CLEAR sets no limit on disclosure, so these routes need no sign-in; they serve nothing else.
@ApiTags('feeds')
@Controller('v1/feeds')
export class FeedsController {
  constructor(private readonly feeds: FeedsService) {}

  @Get(':region.atom')
  @PublicRoute()
  @Header('content-type', 'application/atom+xml; charset=utf-8')
  @Header('cache-control', 'public, max-age=60')
  @ApiOperation({
    summary: 'Atom feed of the TLP:CLEAR alerts this node holds for a region (no sign-in)',
    description:
      `RFC 4287, newest first, at most ${FEED_ENTRIES} entries; each links the alert's CAP 1.2 form. ` +
      'Only alerts labelled TLP:CLEAR in their signed handling, whose signature verified and that the ' +
      'hub delivered, are listed; expired alerts are not.',
  })
  @ApiProduces('application/atom+xml')
  @ApiOkResponse({
    description: 'The feed.',
    content: { 'application/atom+xml': { schema: { type: 'string' } } },
  })
  @ApiNotFoundResponse({ type: MessageErrorResponseDto, description: 'The registry lists no such region.' })
  atom(@Param('region') region: string, @Req() request: Request): Promise<string> {
    return this.feeds.atom(region, baseOf(request));
  }

  @Get('alerts/:id.cap')
  @PublicRoute()
  @Header('content-type', `${CAP_MEDIA_TYPE}; charset=utf-8`)
  @ApiOperation({ summary: 'A TLP:CLEAR alert this node holds, as a CAP 1.2 document (no sign-in)' })
  @ApiProduces(CAP_MEDIA_TYPE)
  @ApiOkResponse({
    description: 'The CAP document.',
    content: { [CAP_MEDIA_TYPE]: { schema: { type: 'string' } } },
  })
  @ApiNotFoundResponse({
    type: MessageErrorResponseDto,
    description: 'This node holds no TLP:CLEAR alert of this id (a restricted one is not told apart).',
  })
  document(@Param('id') id: string): Promise<string> {
    return this.feeds.document(id);
  }
}
