import type { PersonCount } from '../gen/borderlink/v1/alert_pb.js';
import { AgeGroupSchema, PersonRoleSchema, SexSchema } from '../gen/borderlink/v1/alert_pb.js';
import { checkEnum } from './enum.rules.js';
import { LIMITS } from './limits.js';
import { checkCount, checkUnique } from './list.rules.js';
import { fieldPath, itemPath } from './path.js';
import type { Violations } from './violation.js';

/**
 * Checks persons involved, counted by sex, age group and role (gender-disaggregated reporting without
 * personal data). Sex and age group are required (UNKNOWN is a value); each combination appears once.
 */
export function checkPersons(out: Violations, path: string, persons: readonly PersonCount[]): void {
  checkCount(out, path, persons, LIMITS.maxPersonRows);
  persons.forEach((person, index) => {
    const at = itemPath(path, index);
    checkEnum(out, fieldPath(at, 'sex'), SexSchema, person.sex, true);
    checkEnum(out, fieldPath(at, 'ageGroup'), AgeGroupSchema, person.ageGroup, true);
    checkEnum(out, fieldPath(at, 'role'), PersonRoleSchema, person.role, false);
    if (person.count < 1 || person.count > LIMITS.maxPersonCount) {
      out.push({ field: fieldPath(at, 'count'), reason: `must be between 1 and ${LIMITS.maxPersonCount}` });
    }
  });
  checkUnique(
    out,
    path,
    persons,
    (person) => `${person.sex}/${person.ageGroup}/${person.role}`,
    'the sex, age group and role',
  );
}
