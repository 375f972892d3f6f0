import { ValidationPipe, type ValidationError } from '@nestjs/common';
import type { Violation } from '#contracts';
import { InvalidMessageError } from '../common/common.errors.js';

function violationsOf(errors: readonly ValidationError[], parent = ''): Violation[] {
  return errors.flatMap((error) => {
    const field = parent === '' ? error.property : `${parent}.${error.property}`;
    const own = Object.values(error.constraints ?? {}).map((reason) => ({ field, reason }));
    return [...own, ...violationsOf(error.children ?? [], field)];
  });
}

/**
 * Validates query parameters and small JSON bodies against their class-validator DTOs; refusals
 * take the same `{ error: 'invalid', violations }` shape as message validation.
 */
export function requestValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    exceptionFactory: (errors) => new InvalidMessageError(violationsOf(errors)),
  });
}
