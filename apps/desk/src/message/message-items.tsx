import { useTranslation } from 'react-i18next';
import type { PersonCount, SeizedItem } from '../api/node-types';
import { enumLabel } from '../common/enum-label';
import { formatNumber } from '../common/format';

/** The seized items by kind (weapons, ammunition, explosives, other), each kind a table. */
export function MessageItems(props: { items: SeizedItem[] | undefined }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const items = props.items ?? [];
  if (items.length === 0) return null;
  const weapons = items.flatMap((item) => (item.weapon === undefined ? [] : [item.weapon]));
  const rounds = items.flatMap((item) => (item.ammunition === undefined ? [] : [item.ammunition]));
  const explosives = items.flatMap((item) => (item.explosive === undefined ? [] : [item.explosive]));
  const other = items.flatMap((item) => (item.other === undefined ? [] : [item.other]));
  const n = (value: number | undefined) => (value === undefined ? '' : formatNumber(value, language));
  return (
    <section aria-labelledby="items-title" className="desk-section">
      <h2 id="items-title">{t('message.items')}</h2>
      {weapons.length > 0 && (
        <table className="desk-table">
          <caption>{t('items.weapons')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('items.type')}</th>
              <th scope="col">{t('items.make')}</th>
              <th scope="col">{t('items.model')}</th>
              <th scope="col">{t('items.calibre')}</th>
              <th scope="col">{t('items.serialNumber')}</th>
              <th scope="col">{t('items.markings')}</th>
              <th scope="col">{t('items.country')}</th>
              <th scope="col">{t('items.quantity')}</th>
            </tr>
          </thead>
          <tbody>
            {weapons.map((weapon, index) => (
              <tr key={index}>
                <td>{enumLabel(t, 'weaponType', weapon.type)}</td>
                <td>{weapon.make}</td>
                <td>{weapon.model}</td>
                <td>{weapon.calibre}</td>
                <td>{weapon.serialNumber}</td>
                <td>{weapon.markings}</td>
                <td>{weapon.countryOfManufacture}</td>
                <td>{n(weapon.quantity)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {rounds.length > 0 && (
        <table className="desk-table">
          <caption>{t('items.ammunition')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('items.calibre')}</th>
              <th scope="col">{t('items.quantity')}</th>
              <th scope="col">{t('items.lotNumber')}</th>
              <th scope="col">{t('items.headstamp')}</th>
            </tr>
          </thead>
          <tbody>
            {rounds.map((lot, index) => (
              <tr key={index}>
                <td>{lot.calibre}</td>
                <td>{n(lot.quantity)}</td>
                <td>{lot.lotNumber}</td>
                <td>{lot.headstamp}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {explosives.length > 0 && (
        <table className="desk-table">
          <caption>{t('items.explosives')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('items.type')}</th>
              <th scope="col">{t('items.description')}</th>
              <th scope="col">{t('items.netMassKg')}</th>
              <th scope="col">{t('items.quantity')}</th>
            </tr>
          </thead>
          <tbody>
            {explosives.map((explosive, index) => (
              <tr key={index}>
                <td>{enumLabel(t, 'explosiveType', explosive.type)}</td>
                <td>{explosive.description}</td>
                <td>{n(explosive.netMassKg)}</td>
                <td>{n(explosive.quantity)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {other.length > 0 && (
        <table className="desk-table">
          <caption>{t('items.other')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('items.description')}</th>
              <th scope="col">{t('items.quantity')}</th>
              <th scope="col">{t('items.unit')}</th>
            </tr>
          </thead>
          <tbody>
            {other.map((thing, index) => (
              <tr key={index}>
                <td>{thing.description}</td>
                <td>{n(thing.quantity)}</td>
                <td>{thing.unit}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The persons involved, counted by sex, age group and role. */
export function MessagePersons(props: { persons: PersonCount[] | undefined }) {
  const { t, i18n } = useTranslation();
  const persons = props.persons ?? [];
  if (persons.length === 0) return null;
  return (
    <section aria-labelledby="persons-title" className="desk-section">
      <h2 id="persons-title">{t('message.persons')}</h2>
      <table className="desk-table">
        <thead>
          <tr>
            <th scope="col">{t('persons.sex')}</th>
            <th scope="col">{t('persons.ageGroup')}</th>
            <th scope="col">{t('persons.role')}</th>
            <th scope="col">{t('persons.count')}</th>
          </tr>
        </thead>
        <tbody>
          {persons.map((person, index) => (
            <tr key={index}>
              <td>{enumLabel(t, 'sex', person.sex)}</td>
              <td>{enumLabel(t, 'ageGroup', person.ageGroup)}</td>
              <td>{enumLabel(t, 'personRole', person.role)}</td>
              <td>{formatNumber(person.count ?? 0, i18n.resolvedLanguage ?? i18n.language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
