import { useMemo } from 'react';
import { BaseMap } from '../../../../libs/web/src/map/base-map';
import type { Area } from '../api/node-types';
import { useReference } from '../api/use-reference';
import { areaSections, areaShapes, crossingsOf } from './area-layers';

// The sections an area names, in the desk's dark blue beside the area's red.
const SECTION_COLOUR = '#1f3b73';

/**
 * An alert's area on the map: its shapes (each named `shapeLabel`, their ids starting `shapeKey`),
 * the border sections and crossing points it names; opens on the shapes when it has any.
 */
export function AreaMap(props: {
  area: Area | undefined;
  label: string;
  shapeLabel: string;
  shapeKey: string;
  height: string;
}) {
  const reference = useReference();
  const { area, shapeLabel, shapeKey } = props;
  const shapes = useMemo(() => areaShapes(area, shapeLabel, shapeKey), [area, shapeLabel, shapeKey]);
  const sections = useMemo(() => areaSections(area, reference.data, SECTION_COLOUR), [area, reference.data]);
  const crossings = useMemo(
    () => crossingsOf(reference.data, area?.crossingPoints ?? []),
    [area, reference.data],
  );
  return (
    <BaseMap
      label={props.label}
      sections={sections}
      crossings={crossings}
      areas={shapes}
      fitToOverlays={shapes.length > 0}
      height={props.height}
    />
  );
}
