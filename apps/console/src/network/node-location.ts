import type { Registry, RegistryNode } from '#registry';

/** WGS 84 decimal degrees. */
export interface Location {
  lat: number;
  lon: number;
}

const round = (degrees: number): number => Math.round(degrees * 1000) / 1000;

/**
 * Where to put a node on the map, from what the registry has: nodes name a country, not a place, so
 * the middle of the crossing points on the border sections of its country. Undefined for a node
 * without a country (the hub, an international partner) or a country with no crossing point.
 */
export function nodeLocation(registry: Readonly<Registry>, node: RegistryNode): Location | undefined {
  const country = node.country?.toUpperCase();
  if (country === undefined) return undefined;
  const sections = new Set(
    registry.sections
      .filter((section) => section.countries.some((c) => c.toUpperCase() === country))
      .map((section) => section.id),
  );
  const points = registry.crossingPoints.filter((point) => sections.has(point.section));
  if (points.length === 0) return undefined;
  const sum = points.reduce(
    (total, point) => ({
      lat: total.lat + point.location.lat,
      lon: total.lon + point.location.lon,
    }),
    { lat: 0, lon: 0 },
  );
  return { lat: round(sum.lat / points.length), lon: round(sum.lon / points.length) };
}
