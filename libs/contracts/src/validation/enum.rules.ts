import type { DescEnum } from '@bufbuild/protobuf';
import type { Violations } from './violation.js';

/**
 * Checks an enum field. Proto3 enums are open, so a decoded message may carry a number the schema
 * does not define; the zero value (`*_UNSPECIFIED`) means the field was left empty.
 */
export function checkEnum(
  out: Violations,
  path: string,
  schema: DescEnum,
  value: number,
  required: boolean,
): void {
  if (value === 0) {
    if (required) out.push({ field: path, reason: 'is required' });
    return;
  }
  if (schema.value[value] === undefined)
    out.push({ field: path, reason: `unknown ${schema.name} value ${value}` });
}
