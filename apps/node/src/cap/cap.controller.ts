import { Body, Controller, Get, Header, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CAP_MEDIA_TYPE } from '#cap';
import { CurrentPrincipal } from '../access/current-principal.js';
import type { Principal } from '../access/principal.js';
import { Roles } from '../access/route-access.js';
import { MalformedMessageError } from '../submission/submission.errors.js';
import type { AcceptedResponseDto } from '../openapi/responses.dto.js';
import { CAP_ROUTES } from './cap-negotiation.js';
import { CapService } from './cap.service.js';

/**
 * The CAP forms of `POST /v1/alerts` and `GET /v1/messages/{id}`, reached by content negotiation
 * (cap-negotiation.ts); the OpenAPI document describes them on those operations.
 */
@ApiExcludeController()
@Controller(CAP_ROUTES.controller)
export class CapController {
  constructor(private readonly cap: CapService) {}

  @Post(CAP_ROUTES.alerts)
  @Roles('author')
  @HttpCode(HttpStatus.ACCEPTED)
  publish(
    @Body() body: unknown,
    @Query('regions') regions: string | undefined,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AcceptedResponseDto> {
    if (typeof body !== 'string' || body === '') {
      throw new MalformedMessageError(`the body must be a CAP 1.2 document (${CAP_MEDIA_TYPE})`);
    }
    const named = (regions ?? '').split(',').map((region) => region.trim());
    return this.cap.publish(
      body,
      named.filter((region) => region !== ''),
      principal,
    );
  }

  @Get(CAP_ROUTES.message)
  @Roles('reader')
  @Header('content-type', `${CAP_MEDIA_TYPE}; charset=utf-8`)
  document(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<string> {
    return this.cap.document(id, principal);
  }
}
