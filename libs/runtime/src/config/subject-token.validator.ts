import { isSubjectToken } from '#contracts';
import { ValidateBy, type ValidationOptions } from 'class-validator';

/** The property is a NATS subject token (`isSubjectToken`), so it can name a node on subjects. */
export function IsSubjectToken(validationOptions?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isSubjectToken',
      validator: {
        validate: (value: unknown): boolean => typeof value === 'string' && isSubjectToken(value),
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must be a lowercase subject token (a letter, then letters, digits or '-', at most 63)`,
      },
    },
    validationOptions,
  );
}
