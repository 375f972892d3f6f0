import type { Area, GeoPoint } from '../gen/borderlink/v1/common_pb.js';
import { LIMITS } from './limits.js';
import { checkCount } from './list.rules.js';
import { fieldPath, itemPath } from './path.js';
import { checkRegistryIds, crossingPointRef, regionRef, sectionRef } from './registry-ref.rules.js';
import { checkText } from './text.rules.js';
import type { ValidationContext, Violations } from './violation.js';

/** A closed ring needs three corners plus the repeated first vertex (as in CAP 1.2). */
const MIN_POLYGON_VERTICES = 4;

function checkCoordinate(out: Violations, path: string, value: number, limit: number): void {
  if (!Number.isFinite(value) || value < -limit || value > limit) {
    out.push({ field: path, reason: `must be a number between -${limit} and ${limit}` });
  }
}

/** Checks a WGS 84 point: finite latitude in [-90, 90] and longitude in [-180, 180]. */
export function checkGeoPoint(out: Violations, path: string, point: GeoPoint): void {
  checkCoordinate(out, fieldPath(path, 'lat'), point.lat, 90);
  checkCoordinate(out, fieldPath(path, 'lon'), point.lon, 180);
}

function sameVertex(a: GeoPoint, b: GeoPoint): boolean {
  return a.lat === b.lat && a.lon === b.lon;
}

/**
 * Checks where an event happened: registry places that exist, coordinates in range, circles of a
 * sensible radius, closed polygons, and bounded counts of each.
 */
export function checkArea(out: Violations, path: string, area: Area, ctx: ValidationContext): void {
  const { description, borderSections, crossingPoints, points, circles, polygons } = area;
  const places =
    borderSections.length + crossingPoints.length + points.length + circles.length + polygons.length;
  if (description === '' && places === 0) {
    out.push({ field: path, reason: 'must describe or locate the area' });
  }
  checkText(out, fieldPath(path, 'description'), description, { max: LIMITS.areaDescriptionMaxLength });
  checkRegistryIds(
    out,
    fieldPath(path, 'borderSections'),
    borderSections,
    sectionRef(ctx),
    LIMITS.maxBorderSections,
  );
  checkRegistryIds(
    out,
    fieldPath(path, 'crossingPoints'),
    crossingPoints,
    crossingPointRef(ctx),
    LIMITS.maxCrossingPoints,
  );

  const pointsPath = fieldPath(path, 'points');
  checkCount(out, pointsPath, points, LIMITS.maxPoints);
  points.forEach((point, index) => checkGeoPoint(out, itemPath(pointsPath, index), point));

  const circlesPath = fieldPath(path, 'circles');
  checkCount(out, circlesPath, circles, LIMITS.maxCircles);
  circles.forEach((circle, index) => {
    const at = itemPath(circlesPath, index);
    if (circle.center === undefined) out.push({ field: fieldPath(at, 'center'), reason: 'is required' });
    else checkGeoPoint(out, fieldPath(at, 'center'), circle.center);
    const radius = circle.radiusKm;
    if (!Number.isFinite(radius) || radius <= 0 || radius > LIMITS.maxCircleRadiusKm) {
      out.push({
        field: fieldPath(at, 'radiusKm'),
        reason: `must be greater than 0 and at most ${LIMITS.maxCircleRadiusKm} km`,
      });
    }
  });

  const polygonsPath = fieldPath(path, 'polygons');
  checkCount(out, polygonsPath, polygons, LIMITS.maxPolygons);
  polygons.forEach((polygon, index) => {
    const verticesPath = fieldPath(itemPath(polygonsPath, index), 'vertices');
    const { vertices } = polygon;
    if (vertices.length < MIN_POLYGON_VERTICES) {
      out.push({ field: verticesPath, reason: `must have at least ${MIN_POLYGON_VERTICES} vertices` });
    } else if (!sameVertex(vertices[0]!, vertices[vertices.length - 1]!)) {
      out.push({ field: verticesPath, reason: 'must be closed: the last vertex must equal the first' });
    }
    checkCount(out, verticesPath, vertices, LIMITS.maxPolygonVertices);
    vertices.forEach((vertex, vertexIndex) =>
      checkGeoPoint(out, itemPath(verticesPath, vertexIndex), vertex),
    );
  });
}

/** Checks the region topics a message is routed on: known, no duplicates, at least one when `required`. */
export function checkRegions(
  out: Violations,
  path: string,
  regions: readonly string[],
  ctx: ValidationContext,
  required: boolean,
): void {
  if (required && regions.length === 0) out.push({ field: path, reason: 'must name at least one region' });
  checkRegistryIds(out, path, regions, regionRef(ctx), LIMITS.maxRegions);
}
