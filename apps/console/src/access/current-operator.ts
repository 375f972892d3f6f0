import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { TokenRefusedError } from '#access';
import type { Operator } from './operator.js';

/** An HTTP request once the access guard has let it through. */
export interface OperatorRequest extends Request {
  operator?: Operator;
}

/** The operator the guard let through; a route parameter decorator. */
export const CurrentOperator = createParamDecorator((_: unknown, context: ExecutionContext): Operator => {
  const operator = context.switchToHttp().getRequest<OperatorRequest>().operator;
  // The guard runs first and refuses a request without one; this only keeps the type honest.
  if (operator === undefined) throw new TokenRefusedError('no credentials');
  return operator;
});
