import type { MapMarker } from './map-layers';

/**
 * How far down, in pixels, to draw each marker so that markers at the same point (two agencies of one
 * country placed alike) stand in a column centred on it, `step` pixels apart in the order of their
 * ids, none hiding another or its text; 0 for a marker alone at its point. In pixels, not degrees, so
 * that they stay apart at every zoom.
 */
export function markerStackOffsets(
  markers: readonly Pick<MapMarker, 'id' | 'lat' | 'lon'>[],
  step: number,
): Map<string, number> {
  const atPoint = new Map<string, string[]>();
  for (const marker of markers) {
    const point = `${marker.lat},${marker.lon}`;
    atPoint.set(point, [...(atPoint.get(point) ?? []), marker.id]);
  }
  const offsets = new Map<string, number>();
  for (const ids of atPoint.values()) {
    const sorted = [...ids].sort();
    sorted.forEach((id, i) => offsets.set(id, (i - (sorted.length - 1) / 2) * step));
  }
  return offsets;
}
