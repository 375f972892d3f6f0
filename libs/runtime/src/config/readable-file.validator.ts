import { accessSync, constants, statSync } from 'node:fs';
import { ValidateBy, type ValidationOptions } from 'class-validator';

function readableFile(value: unknown): boolean {
  if (typeof value !== 'string' || value === '') return false;
  try {
    accessSync(value, constants.R_OK);
    return statSync(value).isFile();
  } catch {
    return false;
  }
}

/** The property names a file this process can read, so a wrong path fails at boot, not at connect. */
export function IsReadableFile(validationOptions?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isReadableFile',
      validator: {
        validate: readableFile,
        defaultMessage: (args) => `${args?.property ?? 'value'} must name a readable file`,
      },
    },
    validationOptions,
  );
}
