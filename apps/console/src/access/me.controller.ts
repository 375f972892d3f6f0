import { Controller, Get } from '@nestjs/common';
import { CurrentOperator } from './current-operator.js';
import type { Operator } from './operator.js';

/** `GET /v1/me`: who the console takes the caller for. */
@Controller('v1/me')
export class MeController {
  @Get()
  me(@CurrentOperator() operator: Operator): Operator {
    return { user: operator.user, roles: operator.roles };
  }
}
