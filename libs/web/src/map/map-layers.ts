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

/**
 * A marker: an icon with a short text beside it at a point, not interactive. Screen readers get its
 * `label` alone (the icon and text are drawn for the eye), so the label says what the icon shows.
 */
export interface MapMarker extends LatLon {
  /** Unique among the markers; markers at the same point are stacked in the order of their ids. */
  id: string;
  /** The icon's markup (an SVG), drawn `size` pixels square; trusted markup, never the user's text. */
  iconHtml: string;
  /** The icon's width and height in pixels (default 20). */
  size?: number;
  /** Shown beside the icon. */
  text?: string;
  /** The marker's accessible name. */
  label: string;
  /** More classes on the marker, for its text's look (a status). */
  className?: string;
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
