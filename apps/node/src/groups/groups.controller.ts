import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal } from '../access/current-principal.js';
import type { Principal } from '../access/principal.js';
import { Roles } from '../access/route-access.js';
import {
  AcceptedResponseDto,
  InvalidResponseDto,
  MessageErrorResponseDto,
} from '../openapi/responses.dto.js';
import { AddMemberDto, CreateGroupDto, GroupViewDto } from './dto/group.dto.js';
import { GroupsService } from './groups.service.js';

@ApiTags('groups')
@Controller('v1/groups')
@ApiBadRequestResponse({ type: InvalidResponseDto })
@ApiServiceUnavailableResponse({ type: MessageErrorResponseDto })
export class GroupsController {
  constructor(private readonly groups: GroupsService) {}

  @Post()
  @Roles('supervisor')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Open a closed user group owned by this node (one per operation)' })
  @ApiAcceptedResponse({ type: AcceptedResponseDto, description: '`id` is the signed change’s id.' })
  open(@Body() body: CreateGroupDto, @CurrentPrincipal() principal: Principal): Promise<AcceptedResponseDto> {
    const value = { name: body.name, members: body.members ?? [] };
    return this.groups.change(body.id, { case: 'create', value }, principal.id);
  }

  @Post(':id/members')
  @Roles('supervisor')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Admit a member (owner only; the hub refuses anyone else)' })
  @ApiAcceptedResponse({ type: AcceptedResponseDto })
  admit(
    @Param('id') id: string,
    @Body() body: AddMemberDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AcceptedResponseDto> {
    return this.groups.change(id, { case: 'add', value: { node: body.node } }, principal.id);
  }

  @Delete(':id/members/:node')
  @Roles('supervisor')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Remove a member: it receives nothing sent to the group once the hub applies it' })
  @ApiAcceptedResponse({ type: AcceptedResponseDto })
  remove(
    @Param('id') id: string,
    @Param('node') node: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AcceptedResponseDto> {
    return this.groups.change(id, { case: 'remove', value: { node } }, principal.id);
  }

  @Get()
  @Roles('reader')
  @ApiOperation({ summary: 'The closed user groups this node belongs to, as it last heard' })
  @ApiOkResponse({ type: [GroupViewDto] })
  list(): Promise<GroupViewDto[]> {
    return this.groups.list();
  }
}
