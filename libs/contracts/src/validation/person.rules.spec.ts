import { create } from '@bufbuild/protobuf';
import { AgeGroup, PersonCountSchema, PersonRole, Sex } from '../gen/borderlink/v1/alert_pb.js';
import { LIMITS } from './limits.js';
import { fixtureContext, validAlert } from '../../test/message.fixtures.js';
import { validateMessage } from './validate-message.js';

type PersonInit = Parameters<typeof create<typeof PersonCountSchema>>[1];

function personViolations(...persons: PersonInit[]) {
  const alert = validAlert();
  alert.persons = persons.map((person) => create(PersonCountSchema, person));
  return validateMessage('alert', alert, fixtureContext());
}

describe('persons as counts', () => {
  it('accepts counts disaggregated by sex, age group and role', () => {
    expect(
      personViolations(
        { sex: Sex.FEMALE, ageGroup: AgeGroup.ADULT, role: PersonRole.VICTIM, count: 3 },
        { sex: Sex.FEMALE, ageGroup: AgeGroup.CHILD, role: PersonRole.VICTIM, count: 2 },
        { sex: Sex.UNKNOWN, ageGroup: AgeGroup.UNKNOWN, count: 1 },
      ),
    ).toEqual([]);
  });

  it('requires sex and age group (UNKNOWN is an answer) and a count of at least 1', () => {
    expect(personViolations({ role: PersonRole.MIGRANT })).toEqual([
      { field: 'persons[0].sex', reason: 'is required' },
      { field: 'persons[0].ageGroup', reason: 'is required' },
      { field: 'persons[0].count', reason: `must be between 1 and ${LIMITS.maxPersonCount}` },
    ]);
  });

  it('bounds a count', () => {
    expect(
      personViolations({ sex: Sex.MALE, ageGroup: AgeGroup.ADULT, count: LIMITS.maxPersonCount + 1 }),
    ).toEqual([{ field: 'persons[0].count', reason: `must be between 1 and ${LIMITS.maxPersonCount}` }]);
  });

  it('refuses the same sex, age group and role counted twice', () => {
    const suspects = { sex: Sex.MALE, ageGroup: AgeGroup.ADULT, role: PersonRole.SUSPECT, count: 2 };
    expect(personViolations(suspects, suspects)).toEqual([
      { field: 'persons[1]', reason: 'repeats the sex, age group and role of persons[0]' },
    ]);
  });
});
