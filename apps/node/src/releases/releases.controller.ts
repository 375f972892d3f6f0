import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { CurrentPrincipal } from '../access/current-principal.js';
import type { Principal } from '../access/principal.js';
import { Roles } from '../access/route-access.js';
import {
  AcceptedResponseDto,
  InvalidResponseDto,
  MessageErrorResponseDto,
} from '../openapi/responses.dto.js';
import { ReleaseDecisionDto } from './dto/release-decision.dto.js';
import { AwaitingApprovalDto, ReleasesOverviewDto } from './dto/release-item.dto.js';
import { ReleaseRequestDto } from './dto/release-request.dto.js';
import { ReleasesService } from './releases.service.js';

@ApiTags('releases')
@Controller('v1')
@Roles('supervisor')
export class ReleasesController {
  constructor(private readonly releases: ReleasesService) {}

  @Post('messages/:id/releases')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Ask the originator of a received message to release it to a further node' })
  @ApiAcceptedResponse({ type: AcceptedResponseDto, description: '`id` is the request’s id.' })
  @ApiBadRequestResponse({ type: InvalidResponseDto })
  @ApiNotFoundResponse({
    type: MessageErrorResponseDto,
    description: 'No such message in this node’s inbox, or none the caller’s clearance admits.',
  })
  @ApiServiceUnavailableResponse({ type: MessageErrorResponseDto })
  request(
    @Param('id') id: string,
    @Body() body: ReleaseRequestDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AcceptedResponseDto> {
    return this.releases.request(id, body.to, body.reason ?? '', principal);
  }

  @Get('releases')
  @ApiOperation({
    summary: 'Release requests awaiting this node’s decision, and answers to its own requests',
    description: 'Only those about messages the caller’s clearance admits.',
  })
  @ApiOkResponse({ type: ReleasesOverviewDto })
  overview(@CurrentPrincipal() principal: Principal): Promise<ReleasesOverviewDto> {
    return this.releases.overview(principal.clearance);
  }

  @Post('releases/:requestId/decision')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Approve or refuse a release request; an approval delivers the original message',
    description:
      'A TLP:RED or AMBER+STRICT message needs two different supervisors (four eyes): the first ' +
      'approval answers `awaiting-second-approval` and publishes nothing; the second publishes the ' +
      'decision. The same supervisor approving again is refused (403). A refusal takes one supervisor.',
  })
  @ApiExtraModels(AcceptedResponseDto, AwaitingApprovalDto)
  @ApiAcceptedResponse({
    description: 'The decision’s id and status, or that the release awaits a second supervisor.',
    schema: {
      oneOf: [{ $ref: getSchemaPath(AcceptedResponseDto) }, { $ref: getSchemaPath(AwaitingApprovalDto) }],
    },
  })
  @ApiBadRequestResponse({ type: InvalidResponseDto })
  @ApiNotFoundResponse({
    type: MessageErrorResponseDto,
    description: 'No such request awaits a decision, or none about a message the caller’s clearance admits.',
  })
  @ApiServiceUnavailableResponse({ type: MessageErrorResponseDto })
  decide(
    @Param('requestId') requestId: string,
    @Body() body: ReleaseDecisionDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AcceptedResponseDto | AwaitingApprovalDto> {
    return this.releases.decide(requestId, body.approve, body.reason ?? '', principal);
  }
}
