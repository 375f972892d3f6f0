import { create } from '@bufbuild/protobuf';
import { AreaSchema, type Area } from '../gen/borderlink/v1/common_pb.js';
import { LIMITS } from './limits.js';
import { fixtureContext, validAlert } from '../../test/message.fixtures.js';
import { validateMessage } from './validate-message.js';

type AreaInit = Parameters<typeof create<typeof AreaSchema>>[1];

function areaViolations(init: AreaInit) {
  const alert = validAlert();
  alert.area = create(AreaSchema, init);
  return validateMessage('alert', alert, fixtureContext());
}

const ring = (...points: [number, number][]) => ({ vertices: points.map(([lat, lon]) => ({ lat, lon })) });

describe('area', () => {
  it('accepts registry places and geometry together', () => {
    expect(validateMessage('alert', validAlert(), fixtureContext())).toEqual([]);
  });

  it('accepts an alert without an area, and an area given only by its description', () => {
    const alert = validAlert();
    alert.area = undefined;
    expect(validateMessage('alert', alert, fixtureContext())).toEqual([]);
    expect(areaViolations({ description: 'Lower Panj, left bank' })).toEqual([]);
  });

  it('refuses an area that neither describes nor locates anything', () => {
    expect(areaViolations({})).toEqual([{ field: 'area', reason: 'must describe or locate the area' }]);
  });

  it('refuses border sections and crossing points the registry does not know', () => {
    expect(
      areaViolations({ borderSections: ['tj-af-panj', 'kz-cn-khorgos'], crossingPoints: ['nowhere'] }),
    ).toEqual([
      { field: 'area.borderSections[1]', reason: "unknown border section 'kz-cn-khorgos'" },
      { field: 'area.crossingPoints[0]', reason: "unknown crossing point 'nowhere'" },
    ]);
  });

  it('refuses a repeated border section', () => {
    expect(areaViolations({ borderSections: ['tj-af-panj', 'tj-af-panj'] })).toEqual([
      { field: 'area.borderSections[1]', reason: 'duplicates area.borderSections[0]' },
    ]);
  });

  it('bounds the number of each kind of place', () => {
    const points = Array.from({ length: LIMITS.maxPoints + 1 }, () => ({ lat: 37, lon: 68 }));
    expect(areaViolations({ points })).toEqual([
      { field: 'area.points', reason: 'must have at most 100 entries' },
    ]);
    const circles = Array.from({ length: LIMITS.maxCircles + 1 }, () => ({
      center: { lat: 1, lon: 1 },
      radiusKm: 1,
    }));
    expect(areaViolations({ circles })).toEqual([
      { field: 'area.circles', reason: 'must have at most 20 entries' },
    ]);
  });

  it.each([
    [90, 180],
    [-90, -180],
    [0, 0],
  ])('accepts the point (%d, %d)', (lat, lon) => {
    expect(areaViolations({ points: [{ lat, lon }] })).toEqual([]);
  });

  it.each([
    [90.0001, 0, 'lat'],
    [-91, 0, 'lat'],
    [Number.NaN, 0, 'lat'],
    [0, 180.5, 'lon'],
    [0, Number.NEGATIVE_INFINITY, 'lon'],
  ])('refuses the point (%d, %d) naming its %s', (lat, lon, name) => {
    const limit = name === 'lat' ? 90 : 180;
    expect(areaViolations({ points: [{ lat, lon }] })).toEqual([
      { field: `area.points[0].${name}`, reason: `must be a number between -${limit} and ${limit}` },
    ]);
  });

  it('accepts a circle of up to 1,000 km and refuses zero, negative, larger or non-finite radii', () => {
    expect(areaViolations({ circles: [{ center: { lat: 40, lon: 70 }, radiusKm: 1_000 }] })).toEqual([]);
    for (const radiusKm of [0, -5, 1_000.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(areaViolations({ circles: [{ center: { lat: 40, lon: 70 }, radiusKm }] })).toEqual([
        { field: 'area.circles[0].radiusKm', reason: 'must be greater than 0 and at most 1000 km' },
      ]);
    }
  });

  it('requires the centre of a circle', () => {
    expect(areaViolations({ circles: [{ radiusKm: 3 }] })).toEqual([
      { field: 'area.circles[0].center', reason: 'is required' },
    ]);
  });

  it('requires a polygon of at least 4 vertices whose last equals its first', () => {
    expect(areaViolations({ polygons: [ring([0, 0], [0, 1], [1, 0], [0, 0])] })).toEqual([]);
    expect(areaViolations({ polygons: [ring([0, 0], [0, 1], [0, 0])] })).toEqual([
      { field: 'area.polygons[0].vertices', reason: 'must have at least 4 vertices' },
    ]);
    expect(
      areaViolations({
        polygons: [ring([0, 0], [0, 0], [0, 0], [0, 0]), ring([0, 0], [0, 1], [1, 1], [1, 0])],
      }),
    ).toEqual([
      { field: 'area.polygons[1].vertices', reason: 'must be closed: the last vertex must equal the first' },
    ]);
  });

  it('checks every polygon vertex and bounds their number', () => {
    expect(areaViolations({ polygons: [ring([0, 0], [95, 1], [1, 0], [0, 0])] })).toEqual([
      { field: 'area.polygons[0].vertices[1].lat', reason: 'must be a number between -90 and 90' },
    ]);
    const many = ring(
      ...Array.from({ length: LIMITS.maxPolygonVertices + 1 }, (): [number, number] => [0, 0]),
    );
    expect(areaViolations({ polygons: [many] })).toEqual([
      { field: 'area.polygons[0].vertices', reason: 'must have at most 1000 entries' },
    ]);
  });

  it('bounds the area description', () => {
    const area: Area = create(AreaSchema, { description: 'x'.repeat(LIMITS.areaDescriptionMaxLength + 1) });
    const alert = validAlert();
    alert.area = area;
    expect(validateMessage('alert', alert, fixtureContext())).toEqual([
      { field: 'area.description', reason: 'must be at most 500 characters' },
    ]);
  });
});

describe('regions', () => {
  it('requires at least one region on an alert', () => {
    const alert = validAlert();
    alert.regions = [];
    expect(validateMessage('alert', alert, fixtureContext())).toEqual([
      { field: 'regions', reason: 'must name at least one region' },
    ]);
  });

  it('refuses an unknown, malformed or repeated region', () => {
    const alert = validAlert();
    alert.regions = ['afghan-border', 'foo', 'Caspian', 'afghan-border'];
    expect(validateMessage('alert', alert, fixtureContext())).toEqual([
      { field: 'regions[1]', reason: "unknown region 'foo'" },
      { field: 'regions[2]', reason: "must be a region id of lowercase letters, digits and '-'" },
      { field: 'regions[3]', reason: 'duplicates regions[0]' },
    ]);
  });

  it('accepts several known regions', () => {
    const alert = validAlert();
    alert.regions = ['afghan-border', 'central-asia'];
    expect(validateMessage('alert', alert, fixtureContext())).toEqual([]);
  });
});
