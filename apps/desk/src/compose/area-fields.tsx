import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useReference } from '../api/use-reference';
import { AreaMap } from '../common/area-map';
import { CheckboxGroup, FieldGroup, TextField } from '../common/form/fields';
import type { AlertDraft } from './alert-draft';
import { alertOf } from './alert-draft';

type AreaPart = Pick<
  AlertDraft,
  'regions' | 'sections' | 'crossingPoints' | 'areaDescription' | 'lat' | 'lon' | 'radiusKm'
>;

/**
 * Where: the regions it concerns (its subscribers receive it), the border sections and crossing
 * points it names, a point with an optional radius, in words; and the place on the map as drawn.
 */
export function AreaFields(props: { draft: AlertDraft; onChange: (change: Partial<AreaPart>) => void }) {
  const { t } = useTranslation();
  const reference = useReference();
  const { draft, onChange } = props;
  const area = useMemo(() => alertOf(draft).area, [draft]);
  // The crossing points of the sections chosen, or all while none is.
  const crossingOptions = (reference.data?.crossingPoints ?? []).filter(
    (point) => draft.sections.length === 0 || draft.sections.includes(point.section),
  );
  return (
    <>
      <CheckboxGroup
        path="regions"
        legend={t('compose.regions')}
        options={(reference.data?.regions ?? []).map((region) => ({ value: region.id, label: region.name }))}
        values={draft.regions}
        onChange={(regions) => onChange({ regions })}
      />
      <FieldGroup path="area" legend={t('compose.area')} hint={t('compose.areaHint')}>
        <TextField
          path="area.description"
          label={t('area.description')}
          value={draft.areaDescription}
          onChange={(areaDescription) => onChange({ areaDescription })}
        />
        <CheckboxGroup
          path="area.borderSections"
          legend={t('area.sections')}
          options={(reference.data?.sections ?? []).map((section) => ({
            value: section.id,
            label: section.name,
          }))}
          values={draft.sections}
          onChange={(chosen) => onChange({ sections: chosen })}
        />
        <CheckboxGroup
          path="area.crossingPoints"
          legend={t('area.crossingPoints')}
          options={crossingOptions.map((point) => ({ value: point.id, label: point.name }))}
          values={draft.crossingPoints}
          onChange={(crossingPoints) => onChange({ crossingPoints })}
        />
        <div className="desk-row">
          <TextField
            path="area.points[0].lat"
            label={t('area.latitude')}
            hint={t('area.degreesHint')}
            value={draft.lat}
            onChange={(lat) => onChange({ lat })}
          />
          <TextField
            path="area.points[0].lon"
            label={t('area.longitude')}
            value={draft.lon}
            onChange={(lon) => onChange({ lon })}
          />
          <TextField
            path="area.circles[0].radiusKm"
            label={t('area.radiusKm')}
            value={draft.radiusKm}
            onChange={(radiusKm) => onChange({ radiusKm })}
          />
        </div>
        <AreaMap
          area={area}
          label={t('compose.areaMap')}
          shapeLabel={t('compose.area')}
          shapeKey="draft"
          height="280px"
        />
      </FieldGroup>
    </>
  );
}
