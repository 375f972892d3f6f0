import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import {
  AcceptedResponseDto,
  InvalidResponseDto,
  MessageErrorResponseDto,
} from '../openapi/responses.dto.js';
import { ReleaseDecisionDto } from './dto/release-decision.dto.js';
import { ReleasesOverviewDto } from './dto/release-item.dto.js';
import { ReleaseRequestDto } from './dto/release-request.dto.js';
import { ReleasesService } from './releases.service.js';

@ApiTags('releases')
@Controller('v1')
export class ReleasesController {
  constructor(private readonly releases: ReleasesService) {}

  @Post('messages/:id/releases')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Ask the originator of a received message to release it to a further node' })
  @ApiAcceptedResponse({ type: AcceptedResponseDto, description: '`id` is the request’s id.' })
  @ApiBadRequestResponse({ type: InvalidResponseDto })
  @ApiNotFoundResponse({
    type: MessageErrorResponseDto,
    description: 'No such message in this node’s inbox.',
  })
  @ApiServiceUnavailableResponse({ type: MessageErrorResponseDto })
  request(@Param('id') id: string, @Body() body: ReleaseRequestDto): Promise<AcceptedResponseDto> {
    return this.releases.request(id, body.to, body.reason);
  }

  @Get('releases')
  @ApiOperation({
    summary: 'Release requests awaiting this node’s decision, and answers to its own requests',
  })
  @ApiOkResponse({ type: ReleasesOverviewDto })
  overview(): Promise<ReleasesOverviewDto> {
    return this.releases.overview();
  }

  @Post('releases/:requestId/decision')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Approve or refuse a release request; an approval delivers the original message' })
  @ApiAcceptedResponse({ type: AcceptedResponseDto, description: '`id` is the decision’s id.' })
  @ApiBadRequestResponse({ type: InvalidResponseDto })
  @ApiNotFoundResponse({ type: MessageErrorResponseDto, description: 'No such request awaits a decision.' })
  @ApiServiceUnavailableResponse({ type: MessageErrorResponseDto })
  decide(
    @Param('requestId') requestId: string,
    @Body() body: ReleaseDecisionDto,
  ): Promise<AcceptedResponseDto> {
    return this.releases.decide(requestId, body.approve, body.reason);
  }
}
