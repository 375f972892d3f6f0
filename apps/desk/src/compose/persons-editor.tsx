import { useTranslation } from 'react-i18next';
import { enumLabel } from '../common/enum-label';
import { AGE_GROUPS, PERSON_ROLES, SEXES } from '../common/enums';
import { FieldGroup, SelectField, TextField } from '../common/form/fields';
import { emptyPerson, type PersonDraft } from './alert-draft';

/** The persons involved, counted by sex, age group and role (no names: the alert carries none). */
export function PersonsEditor(props: { persons: PersonDraft[]; onChange: (persons: PersonDraft[]) => void }) {
  const { t } = useTranslation();
  const { persons, onChange } = props;
  const set = (index: number, change: Partial<PersonDraft>) =>
    onChange(persons.map((person, at) => (at === index ? { ...person, ...change } : person)));
  return (
    <FieldGroup path="persons" legend={t('message.persons')}>
      {persons.map((person, index) => {
        const at = `persons[${index}]`;
        return (
          <FieldGroup
            key={index}
            path={at}
            legend={t('persons.groupN', { n: index + 1 })}
            className="desk-subgroup desk-row"
          >
            <SelectField
              path={`${at}.sex`}
              label={t('persons.sex')}
              value={person.sex}
              onChange={(sex) => set(index, { sex })}
              options={SEXES.map((value) => ({ value, label: enumLabel(t, 'sex', value) }))}
              emptyLabel={t('common.choose')}
            />
            <SelectField
              path={`${at}.ageGroup`}
              label={t('persons.ageGroup')}
              value={person.ageGroup}
              onChange={(ageGroup) => set(index, { ageGroup })}
              options={AGE_GROUPS.map((value) => ({ value, label: enumLabel(t, 'ageGroup', value) }))}
              emptyLabel={t('common.choose')}
            />
            <SelectField
              path={`${at}.role`}
              label={t('persons.role')}
              value={person.role}
              onChange={(role) => set(index, { role })}
              options={PERSON_ROLES.map((value) => ({ value, label: enumLabel(t, 'personRole', value) }))}
              emptyLabel={t('common.choose')}
            />
            <TextField
              path={`${at}.count`}
              label={t('persons.count')}
              value={person.count}
              onChange={(count) => set(index, { count })}
            />
            <button type="button" onClick={() => onChange(persons.filter((_, i) => i !== index))}>
              {t('persons.remove', { n: index + 1 })}
            </button>
          </FieldGroup>
        );
      })}
      <button type="button" onClick={() => onChange([...persons, emptyPerson()])}>
        {t('persons.add')}
      </button>
    </FieldGroup>
  );
}
