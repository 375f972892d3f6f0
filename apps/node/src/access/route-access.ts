import { applyDecorators, SetMetadata } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Role } from '#access';
import { RefusalResponseDto } from '../openapi/responses.dto.js';

/** Metadata key of the roles a route needs (any one of them). */
export const ROUTE_ROLES = 'borderlink:route-roles';
/** Metadata key of a route that a single-use stream ticket may open. */
export const STREAM_TICKET_ROUTE = 'borderlink:stream-ticket-route';

/** The OpenAPI security schemes (http/swagger.ts): a person's access token, a service's API key. */
export const TOKEN_SCHEME = 'token';
export const API_KEY_SCHEME = 'apiKey';

/**
 * The roles that may call a controller or route: any one of them suffices. Every route of the node
 * names its roles or is public; the guard refuses a route that names neither. Also declares the
 * route's security requirement and its 401, 403 and 429 answers in the OpenAPI document.
 */
export function Roles(...roles: Role[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(ROUTE_ROLES, roles),
    ApiBearerAuth(TOKEN_SCHEME),
    ApiBearerAuth(API_KEY_SCHEME),
    ApiUnauthorizedResponse({
      type: RefusalResponseDto,
      description: 'No credentials, or credentials the node does not accept (with `WWW-Authenticate`).',
    }),
    ApiForbiddenResponse({ type: RefusalResponseDto, description: `Needs the role ${roles.join(' or ')}.` }),
    ApiTooManyRequestsResponse({ type: RefusalResponseDto, description: 'Over this identity’s rate limit.' }),
  );
}

/** A route that also opens with a stream ticket in its query (`?ticket=`), for browsers' EventSource. */
export const AcceptsStreamTicket = (): MethodDecorator => SetMetadata(STREAM_TICKET_ROUTE, true);
