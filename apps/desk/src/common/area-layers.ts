import type { MapArea, MapCrossing, MapSection } from '../../../../libs/web/src/map/map-layers';
import type { Area, Reference } from '../api/node-types';

/** The colour of an alert's area on the maps: dark red, visible on the pale base and the sections. */
export const AREA_COLOUR = '#b3261e';

/** What an alert's area holds, as map overlays: its points, circles and polygons. */
export function areaShapes(area: Area | undefined, label: string, key: string): MapArea[] {
  if (area === undefined) return [];
  const at = (point: { lat?: number; lon?: number } | undefined) => ({
    lat: point?.lat ?? 0,
    lon: point?.lon ?? 0,
  });
  return [
    ...(area.points ?? []).map((point, index): MapArea => ({
      kind: 'point',
      id: `${key}-p${index}`,
      label,
      colour: AREA_COLOUR,
      at: at(point),
    })),
    ...(area.circles ?? []).map((circle, index): MapArea => ({
      kind: 'circle',
      id: `${key}-c${index}`,
      label,
      colour: AREA_COLOUR,
      centre: at(circle.center),
      radiusKm: circle.radiusKm ?? 0,
    })),
    ...(area.polygons ?? []).map((polygon, index): MapArea => ({
      kind: 'polygon',
      id: `${key}-g${index}`,
      label,
      colour: AREA_COLOUR,
      points: (polygon.vertices ?? []).map(at),
    })),
  ];
}

/** The border sections an area names, drawn in `colour`. */
export function areaSections(
  area: Area | undefined,
  reference: Reference | undefined,
  colour: string,
): MapSection[] {
  const named = new Set(area?.borderSections ?? []);
  return (reference?.sections ?? [])
    .filter((section) => named.has(section.id) && section.countries.length === 2)
    .map((section) => ({
      id: section.id,
      name: section.name,
      countries: [section.countries[0]!, section.countries[1]!] as const,
      colour,
    }));
}

/** The crossing points an area names (or all, when `ids` is undefined), with their places. */
export function crossingsOf(reference: Reference | undefined, ids?: readonly string[]): MapCrossing[] {
  const wanted = ids === undefined ? undefined : new Set(ids);
  return (reference?.crossingPoints ?? [])
    .filter((point) => wanted === undefined || wanted.has(point.id))
    .map((point) => ({ id: point.id, name: point.name, lat: point.lat, lon: point.lon }));
}
