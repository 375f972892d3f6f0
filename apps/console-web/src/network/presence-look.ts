import type { PresenceStatus } from '../api/network.js';

/** The statuses in the order the legend lists them. */
export const PRESENCE_STATUSES: readonly PresenceStatus[] = ['live', 'late', 'silent', 'never'];

/** A status's marker shape: what tells the statuses apart without colour. */
export type MarkerShape = 'circle' | 'triangle' | 'square' | 'ring';

export interface PresenceLook {
  /** Fill of the map marker and the table's status badge. */
  colour: string;
  /** Text colour on that fill, at least 4.5:1 against it. */
  ink: string;
  shape: MarkerShape;
}

/** Live green, late amber, silent red, never grey; each with its own shape too. */
export const PRESENCE_LOOK: Readonly<Record<PresenceStatus, PresenceLook>> = {
  live: { colour: '#1a7f37', ink: '#ffffff', shape: 'circle' },
  late: { colour: '#f2a900', ink: '#1f1f1f', shape: 'triangle' },
  silent: { colour: '#b3261e', ink: '#ffffff', shape: 'square' },
  never: { colour: '#616161', ink: '#ffffff', shape: 'ring' },
};

/** A status as the server wrote it; anything unknown reads as `never` (nothing heard that we can use). */
export function presenceStatus(value: string | undefined): PresenceStatus {
  return value !== undefined && Object.hasOwn(PRESENCE_LOOK, value) ? (value as PresenceStatus) : 'never';
}

/**
 * The marker of a status as SVG markup, `size` pixels square, for a Leaflet icon (which takes HTML,
 * not React). Decorative: whoever shows it names the status in text beside it.
 */
export function markerSvg(status: PresenceStatus, size = 18): string {
  const { colour, shape } = PRESENCE_LOOK[status];
  const stroke = '#1f1f1f';
  const body = {
    circle: `<circle cx="9" cy="9" r="7" fill="${colour}" stroke="${stroke}" stroke-width="1.5"/>`,
    triangle: `<path d="M9 1.5 L16.5 16 H1.5 Z" fill="${colour}" stroke="${stroke}" stroke-width="1.5" stroke-linejoin="round"/>`,
    square: `<rect x="2" y="2" width="14" height="14" fill="${colour}" stroke="${stroke}" stroke-width="1.5"/>`,
    ring: `<circle cx="9" cy="9" r="6" fill="#ffffff" stroke="${colour}" stroke-width="3" stroke-dasharray="3 2"/>`,
  }[shape];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 18 18" aria-hidden="true" focusable="false">${body}</svg>`;
}
