import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ROLES } from '#access';
import { ApiKeysRepository } from './api-keys.repository.js';
import { CurrentPrincipal } from './current-principal.js';
import { ApiKeyDto, PrincipalDto } from './dto/access.dto.js';
import type { Principal } from './principal.js';
import { Roles } from './route-access.js';

@ApiTags('access')
@Controller('v1')
export class AccessController {
  constructor(private readonly apiKeys: ApiKeysRepository) {}

  @Get('me')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'Who the node takes the caller for: id, kind, roles and clearance' })
  @ApiOkResponse({ type: PrincipalDto })
  me(@CurrentPrincipal() principal: Principal): PrincipalDto {
    return { ...principal, roles: [...principal.roles] };
  }

  @Get('api-keys')
  @Roles('administrator')
  @ApiOperation({
    summary:
      'The node’s API keys as it holds them now (no secrets, no hashes); managed with `borderlink api-keys`',
  })
  @ApiOkResponse({ type: [ApiKeyDto] })
  apiKeyList(): ApiKeyDto[] {
    return this.apiKeys.list();
  }
}
