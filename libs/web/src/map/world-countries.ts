import { alpha2ToNumeric } from 'i18n-iso-countries';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
// Natural Earth 1:50m boundaries, fetched as a file of the app's own (no tile server is reachable).
import countriesUrl from 'world-atlas/countries-50m.json?url';

type Countries = Topology<{ countries: GeometryCollection<{ name: string }> }>;

let loading: Promise<Countries> | undefined;

/** The world's countries as TopoJSON, fetched once per page. */
export function loadCountries(): Promise<Countries> {
  loading ??= fetch(countriesUrl).then(async (response) => {
    if (!response.ok) throw new Error(`${countriesUrl}: ${response.status}`);
    return (await response.json()) as Countries;
  });
  return loading;
}

/** Every country as GeoJSON features, for the base layer. */
export function countryShapes(topology: Countries): GeoJSON.FeatureCollection {
  return feature(topology, topology.objects.countries);
}

/**
 * The border two countries share (alpha-2 codes), as lines: the arcs between exactly those two
 * countries' shapes. Empty when they do not touch or a code is unknown.
 */
export function sharedBorder(topology: Countries, a: string, b: string): GeoJSON.MultiLineString {
  const first = alpha2ToNumeric(a.toUpperCase());
  const second = alpha2ToNumeric(b.toUpperCase());
  if (first === undefined || second === undefined) return { type: 'MultiLineString', coordinates: [] };
  return mesh(
    topology,
    topology.objects.countries,
    (x, y) => x !== y && ((x.id === first && y.id === second) || (x.id === second && y.id === first)),
  );
}
