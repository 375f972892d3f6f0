/** A point on the map, WGS 84 decimal degrees. */
export interface LatLon {
  lat: number;
  lon: number;
}

/** A border section, drawn as the whole shared border of its two countries (ISO 3166-1 alpha-2). */
export interface MapSection {
  id: string;
  name: string;
  countries: readonly [string, string];
  colour: string;
}

/** A crossing point or port, a small circle. */
export interface MapCrossing extends LatLon {
  id: string;
  name: string;
}

/** What an alert's area holds: a polygon, a circle, or points; drawn in the given colour. */
export type MapArea =
  | { kind: 'polygon'; id: string; label: string; colour: string; points: readonly LatLon[] }
  | { kind: 'circle'; id: string; label: string; colour: string; centre: LatLon; radiusKm: number }
  | { kind: 'point'; id: string; label: string; colour: string; at: LatLon };

/** Central Asia with its Afghan border: where the map opens (south-west, north-east). */
export const CENTRAL_ASIA_BOUNDS: readonly [[number, number], [number, number]] = [
  [35.0, 50.0],
  [55.5, 87.5],
];
