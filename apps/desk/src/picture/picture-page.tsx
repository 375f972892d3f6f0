import { useQuery } from '@tanstack/react-query';
import { useCallback, useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { BaseMap } from '../../../../libs/web/src/map/base-map';
import type { MapArea, MapSection } from '../../../../libs/web/src/map/map-layers';
import { dataOf, useNodeClient } from '../api/node-client';
import type { AnyMessage } from '../api/node-types';
import { useReference } from '../api/use-reference';
import { areaShapes, crossingsOf } from '../common/area-layers';
import { formatDateTime } from '../common/format';
import { preferredText } from '../common/message-text';
import { usePageTitle } from '../common/page-title';
import { QueryStatus } from '../common/query-status';
import { useInbox } from '../inbox/use-inbox';
import { IMPACT_COLOURS, impactColour, type Impact } from './impact-colours';
import { SectionFigures, type Window } from './section-figures';

const WINDOWS: Window[] = ['24h', '7d', '30d'];
// How many of the newest alerts the map marks.
const RECENT_ALERTS = 50;

/**
 * The situational picture: each border section on the map in its impact level's colour (and in
 * words in the table), crossing points, the newest alerts' places, and a section's figures.
 */
export function PicturePage() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  usePageTitle(t('picture.title'));
  const client = useNodeClient();
  const reference = useReference();
  const inbox = useInbox(false);
  const [params, setParams] = useSearchParams();
  const windowParam = params.get('window');
  const window: Window = WINDOWS.includes(windowParam as Window) ? (windowParam as Window) : '7d';
  const selected = params.get('section') ?? undefined;
  const windowId = useId();
  const picture = useQuery({
    queryKey: ['picture'],
    queryFn: async () => dataOf(await client.GET('/v1/picture')),
    refetchInterval: 60_000,
  });
  const select = useCallback(
    (name: string, value: string) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          next.set(name, value);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  const onSectionSelect = useCallback((id: string) => select('section', id), [select]);

  const sections = useMemo<MapSection[]>(
    () =>
      (picture.data?.sections ?? [])
        .filter((section) => section.countries.length === 2)
        .map((section) => ({
          id: section.id,
          name: `${section.name}: ${t(`impact.${section.impact?.level ?? 'none'}`)}`,
          countries: [section.countries[0]!, section.countries[1]!] as const,
          colour: impactColour(section.impact?.level as Impact | undefined),
        })),
    [picture.data, t],
  );
  const crossings = useMemo(() => crossingsOf(reference.data), [reference.data]);
  const alerts = useMemo<MapArea[]>(
    () =>
      (inbox.data?.pages[0]?.items ?? [])
        .filter((item) => item.kind === 'alert' && item.state === 'active')
        .slice(0, RECENT_ALERTS)
        .flatMap((item) => {
          const message = item.message as AnyMessage;
          return areaShapes(
            message.area,
            preferredText(message.texts, language)?.headline ?? item.id,
            item.id,
          );
        }),
    [inbox.data, language],
  );

  return (
    <section aria-labelledby="picture-title">
      <h1 id="picture-title">{t('picture.title')}</h1>
      <div className="desk-field">
        <label htmlFor={windowId}>{t('picture.window')}</label>
        <select id={windowId} value={window} onChange={(e) => select('window', e.target.value)}>
          {WINDOWS.map((value) => (
            <option key={value} value={value}>
              {t(`picture.windows.${value}`)}
            </option>
          ))}
        </select>
      </div>
      <QueryStatus isPending={picture.isPending} error={picture.error} />
      <BaseMap
        label={t('picture.mapLabel')}
        sections={sections}
        crossings={crossings}
        areas={alerts}
        onSectionSelect={onSectionSelect}
        height="460px"
      />
      <ul className="desk-legend" aria-label={t('picture.legend')}>
        {(Object.keys(IMPACT_COLOURS) as (Impact | 'none')[]).map((level) => (
          <li key={level}>
            <span
              className="desk-swatch"
              style={{ backgroundColor: IMPACT_COLOURS[level] }}
              aria-hidden="true"
            />
            {t(`impact.${level}`)}
          </li>
        ))}
      </ul>
      {picture.data !== undefined && (
        <div className="desk-table-wrap">
          <table className="desk-table">
            <caption>{t('picture.sections')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('picture.section')}</th>
                <th scope="col">{t('picture.impact')}</th>
                <th scope="col">{t('picture.setBy')}</th>
                {WINDOWS.map((value) => (
                  <th key={value} scope="col">
                    {t('picture.alertsIn', { window: t(`picture.windows.${value}`) })}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {picture.data.sections.map((section) => (
                <tr key={section.id} aria-current={section.id === selected ? 'true' : undefined}>
                  <th scope="row">
                    <button
                      type="button"
                      className="desk-link-button"
                      onClick={() => select('section', section.id)}
                    >
                      {section.name}
                    </button>
                  </th>
                  <td>{t(`impact.${section.impact?.level ?? 'none'}`)}</td>
                  <td>
                    {section.impact === undefined
                      ? ''
                      : `${section.impact.setBy}, ${formatDateTime(section.impact.at, language)}`}
                  </td>
                  {WINDOWS.map((value) => (
                    <td key={value}>{section.windows[value].alerts}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {selected !== undefined && <SectionFigures id={selected} window={window} />}
    </section>
  );
}
