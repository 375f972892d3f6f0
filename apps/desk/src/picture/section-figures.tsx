import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { dataOf, useNodeClient } from '../api/node-client';
import type { WindowFigures } from '../api/node-types';
import { enumLabel } from '../common/enum-label';
import { AGE_GROUPS, SEXES } from '../common/enums';
import { formatNumber } from '../common/format';
import { QueryStatus } from '../common/query-status';
import { FigureChart } from './figure-chart';

export type Window = '24h' | '7d' | '30d';

const SEX_COLOURS: Record<string, string> = {
  SEX_FEMALE: '#8e24aa',
  SEX_MALE: '#1565c0',
  SEX_UNKNOWN: '#607d8b',
};

/** A table of counts by an enum (category, severity, weapon type), with its chart. */
function CountsByEnum(props: {
  title: string;
  enumKind: string;
  counts: Record<string, number>;
  colour: string;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const entries = Object.entries(props.counts).filter(([, count]) => count > 0);
  if (entries.length === 0) return null;
  const data = entries.map(([value, count]) => ({ label: enumLabel(t, props.enumKind, value), count }));
  return (
    <section className="desk-figure" aria-label={props.title}>
      <h3>{props.title}</h3>
      <FigureChart
        data={data}
        category="label"
        series={[{ key: 'count', name: props.title, colour: props.colour }]}
      />
      <table className="desk-table desk-compact">
        <tbody>
          {data.map((row) => (
            <tr key={row.label}>
              <th scope="row">{row.label}</th>
              <td>{formatNumber(row.count, language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Persons by sex and age group (all roles together), a stacked chart and its table. */
function PersonsBySexAndAge(props: { figures: WindowFigures }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  if (props.figures.persons.length === 0) return null;
  const count = (sex: string, age: string) =>
    props.figures.persons
      .filter((person) => person.sex === sex && person.ageGroup === age)
      .reduce((sum, person) => sum + person.count, 0);
  const data = AGE_GROUPS.map((age) => ({
    age: enumLabel(t, 'ageGroup', age),
    ...Object.fromEntries(SEXES.map((sex) => [sex, count(sex, age)])),
  }));
  return (
    <section className="desk-figure" aria-labelledby="persons-figure-title">
      <h3 id="persons-figure-title">{t('picture.persons')}</h3>
      <FigureChart
        data={data}
        category="age"
        series={SEXES.map((sex) => ({ key: sex, name: enumLabel(t, 'sex', sex), colour: SEX_COLOURS[sex]! }))}
      />
      <table className="desk-table desk-compact">
        <caption>{t('picture.personsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('persons.ageGroup')}</th>
            {SEXES.map((sex) => (
              <th key={sex} scope="col">
                {enumLabel(t, 'sex', sex)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {AGE_GROUPS.map((age) => (
            <tr key={age}>
              <th scope="row">{enumLabel(t, 'ageGroup', age)}</th>
              {SEXES.map((sex) => (
                <td key={sex}>{formatNumber(count(sex, age), language)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** One border section's figures over the chosen window (GET /v1/picture/sections/{id}). */
export function SectionFigures(props: { id: string; window: Window }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const client = useNodeClient();
  const section = useQuery({
    queryKey: ['picture', 'section', props.id],
    queryFn: async () =>
      dataOf(await client.GET('/v1/picture/sections/{id}', { params: { path: { id: props.id } } })),
    refetchInterval: 60_000,
  });
  const figures = section.data?.windows[props.window];
  return (
    <section aria-labelledby="section-title" className="desk-section">
      <h2 id="section-title">
        {section.data?.name ?? props.id} – {t(`picture.windows.${props.window}`)}
      </h2>
      <QueryStatus isPending={section.isPending} error={section.error} />
      {figures !== undefined && (
        <>
          <p>
            {t('picture.alertsCount', { count: figures.alerts })} · {t('picture.rounds')}:{' '}
            {formatNumber(figures.rounds, language)} · {t('picture.explosivesKg')}:{' '}
            {formatNumber(figures.explosivesKg, language)}
          </p>
          <div className="desk-figures">
            <CountsByEnum
              title={t('picture.byCategory')}
              enumKind="category"
              counts={figures.byCategory}
              colour="#1f3b73"
            />
            <CountsByEnum
              title={t('picture.bySeverity')}
              enumKind="severity"
              counts={figures.bySeverity}
              colour="#b3261e"
            />
            <CountsByEnum
              title={t('picture.weapons')}
              enumKind="weaponType"
              counts={figures.weapons}
              colour="#4e342e"
            />
            <PersonsBySexAndAge figures={figures} />
          </div>
        </>
      )}
    </section>
  );
}
