import { useTranslation } from 'react-i18next';
import type { Area } from '../api/node-types';
import { useReference } from '../api/use-reference';
import { AreaMap } from '../common/area-map';
import { Fact, Facts } from '../common/facts';
import { formatNumber } from '../common/format';

/** Where the alert happened: its description, sections and crossing points in words, and on the map. */
export function MessageArea(props: { area: Area | undefined; label: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const reference = useReference();
  const { area, label } = props;
  if (area === undefined) return null;
  const nameOf = (list: { id: string; name: string }[] | undefined, id: string) =>
    list?.find((entry) => entry.id === id)?.name ?? id;
  return (
    <section aria-labelledby="area-title" className="desk-section">
      <h2 id="area-title">{t('message.area')}</h2>
      <Facts>
        <Fact name={t('area.description')}>{area.description}</Fact>
        <Fact name={t('area.sections')}>
          {(area.borderSections ?? []).map((id) => nameOf(reference.data?.sections, id)).join('; ')}
        </Fact>
        <Fact name={t('area.crossingPoints')}>
          {(area.crossingPoints ?? []).map((id) => nameOf(reference.data?.crossingPoints, id)).join('; ')}
        </Fact>
        {(area.points ?? []).map((point, index) => (
          <Fact key={`p${index}`} name={t('area.point')}>
            {formatNumber(point.lat ?? 0, language, 4)}, {formatNumber(point.lon ?? 0, language, 4)}
          </Fact>
        ))}
        {(area.circles ?? []).map((circle, index) => (
          <Fact key={`c${index}`} name={t('area.circle')}>
            {t('area.circleText', {
              lat: formatNumber(circle.center?.lat ?? 0, language, 4),
              lon: formatNumber(circle.center?.lon ?? 0, language, 4),
              radius: formatNumber(circle.radiusKm ?? 0, language),
            })}
          </Fact>
        ))}
        <Fact name={t('area.polygons')}>
          {(area.polygons ?? []).length > 0 ? t('area.polygonCount', { count: area.polygons!.length }) : ''}
        </Fact>
      </Facts>
      <AreaMap area={area} label={t('area.mapLabel')} shapeLabel={label} shapeKey="area" height="320px" />
    </section>
  );
}
