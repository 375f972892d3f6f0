import type { CapArea, CapInfo, CapOrigin, CapResource, CapValue } from '../gen/borderlink/v1/alert_pb.js';
import { checkGeoPoint } from './area.rules.js';
import { LIMITS } from './limits.js';
import { checkCount } from './list.rules.js';
import { fieldPath, itemPath } from './path.js';
import { checkText } from './text.rules.js';
import { checkTimestamp } from './time.rules.js';
import type { Violations } from './violation.js';

/**
 * Bounds of what an alert keeps of its CAP 1.2 document (protocol 1.4). CAP sets none of its own;
 * these hold the real warning systems' documents (NWS, IPAWS, MeteoAlarm, NAAD) with room to spare.
 */
export const CAP_LIMITS = Object.freeze({
  /** identifier, sender, event, a language tag, a category, a response type, a MIME type, a digest. */
  tokenMaxLength: 256,
  /** source, audience, senderName, web, contact, a resource's description and uri, an area's description. */
  textMaxLength: 1_000,
  /** note, a value (event code, parameter, geocode). */
  longTextMaxLength: 8_000,
  /** An inline resource (base64) or the kept XML signature, in characters. */
  blobMaxLength: 200_000,
  /** codes, references, categories, response types, event codes, parameters, resources, areas, geocodes. */
  maxEntries: 64,
  /** info blocks: one a language. */
  maxInfos: 8,
});

const TOKEN = { max: CAP_LIMITS.tokenMaxLength };
const TEXT = { max: CAP_LIMITS.textMaxLength };
const LONG = { max: CAP_LIMITS.longTextMaxLength, multiline: true };
const BLOB = { max: CAP_LIMITS.blobMaxLength, multiline: true };
// CAP's own bound: altitude and ceiling are in feet; beyond the stratosphere nothing is warned of.
const MAX_FEET = 1_000_000;

function checkTexts(out: Violations, path: string, values: readonly string[], rule: { max: number }): void {
  checkCount(out, path, values, CAP_LIMITS.maxEntries);
  values.forEach((value, index) => checkText(out, itemPath(path, index), value, { ...rule, required: true }));
}

function checkValues(out: Violations, path: string, values: readonly CapValue[]): void {
  checkCount(out, path, values, CAP_LIMITS.maxEntries);
  values.forEach((value, index) => {
    const at = itemPath(path, index);
    checkText(out, fieldPath(at, 'name'), value.name, { ...TOKEN, required: true });
    checkText(out, fieldPath(at, 'value'), value.value, LONG);
  });
}

function checkResource(out: Violations, path: string, resource: CapResource): void {
  checkText(out, fieldPath(path, 'description'), resource.description, { ...TEXT, required: true });
  checkText(out, fieldPath(path, 'mimeType'), resource.mimeType, { ...TOKEN, required: true });
  if (resource.size > LIMITS.maxBodyBytes * 1024) {
    out.push({ field: fieldPath(path, 'size'), reason: `must be at most ${LIMITS.maxBodyBytes * 1024}` });
  }
  checkText(out, fieldPath(path, 'uri'), resource.uri, TEXT);
  checkText(out, fieldPath(path, 'derefUri'), resource.derefUri, BLOB);
  if (resource.digest !== '' && !/^[0-9A-Fa-f]{40}$/.test(resource.digest)) {
    out.push({ field: fieldPath(path, 'digest'), reason: 'must be a SHA-1 digest in hex' });
  }
}

function checkHeight(out: Violations, path: string, feet: number | undefined): void {
  if (feet !== undefined && (!Number.isFinite(feet) || Math.abs(feet) > MAX_FEET)) {
    out.push({ field: path, reason: `must be a number of feet between -${MAX_FEET} and ${MAX_FEET}` });
  }
}

function checkCapArea(out: Violations, path: string, area: CapArea): void {
  checkText(out, fieldPath(path, 'description'), area.description, { ...TEXT, required: true });
  const polygons = fieldPath(path, 'polygons');
  checkCount(out, polygons, area.polygons, LIMITS.maxPolygons);
  area.polygons.forEach((polygon, index) => {
    const vertices = fieldPath(itemPath(polygons, index), 'vertices');
    if (polygon.vertices.length < 4) out.push({ field: vertices, reason: 'must have at least 4 vertices' });
    checkCount(out, vertices, polygon.vertices, LIMITS.maxPolygonVertices);
    polygon.vertices.forEach((vertex, at) => checkGeoPoint(out, itemPath(vertices, at), vertex));
  });
  const circles = fieldPath(path, 'circles');
  checkCount(out, circles, area.circles, LIMITS.maxCircles);
  area.circles.forEach((circle, index) => {
    const at = itemPath(circles, index);
    if (circle.center === undefined) out.push({ field: fieldPath(at, 'center'), reason: 'is required' });
    else checkGeoPoint(out, fieldPath(at, 'center'), circle.center);
    // A CAP circle of radius 0 is a point.
    if (
      !Number.isFinite(circle.radiusKm) ||
      circle.radiusKm < 0 ||
      circle.radiusKm > LIMITS.maxCircleRadiusKm
    ) {
      out.push({
        field: fieldPath(at, 'radiusKm'),
        reason: `must be between 0 and ${LIMITS.maxCircleRadiusKm} km`,
      });
    }
  });
  checkValues(out, fieldPath(path, 'geocodes'), area.geocodes);
  checkHeight(out, fieldPath(path, 'altitude'), area.altitude);
  checkHeight(out, fieldPath(path, 'ceiling'), area.ceiling);
  if (area.ceiling !== undefined && area.altitude === undefined) {
    out.push({ field: fieldPath(path, 'ceiling'), reason: 'needs an altitude (CAP 1.2)' });
  }
}

function checkInfo(out: Violations, path: string, info: CapInfo): void {
  checkText(out, fieldPath(path, 'language'), info.language, TOKEN);
  const categories = fieldPath(path, 'categories');
  if (info.categories.length === 0)
    out.push({ field: categories, reason: 'must name at least one category' });
  checkTexts(out, categories, info.categories, TOKEN);
  checkText(out, fieldPath(path, 'event'), info.event, { ...TOKEN, required: true });
  checkTexts(out, fieldPath(path, 'responseTypes'), info.responseTypes, TOKEN);
  checkText(out, fieldPath(path, 'audience'), info.audience, TEXT);
  checkValues(out, fieldPath(path, 'eventCodes'), info.eventCodes);
  checkTimestamp(out, fieldPath(path, 'onset'), info.onset, false);
  checkText(out, fieldPath(path, 'senderName'), info.senderName, TEXT);
  checkText(out, fieldPath(path, 'web'), info.web, TEXT);
  checkText(out, fieldPath(path, 'contact'), info.contact, TEXT);
  checkValues(out, fieldPath(path, 'parameters'), info.parameters);
  const resources = fieldPath(path, 'resources');
  checkCount(out, resources, info.resources, CAP_LIMITS.maxEntries);
  info.resources.forEach((resource, index) => checkResource(out, itemPath(resources, index), resource));
  const areas = fieldPath(path, 'areas');
  checkCount(out, areas, info.areas, CAP_LIMITS.maxEntries);
  info.areas.forEach((area, index) => checkCapArea(out, itemPath(areas, index), area));
}

/**
 * Checks what an alert keeps of the CAP 1.2 document it was imported from: present, bounded,
 * well-formed, and one info block for each of the alert's `texts` (an export pairs them in order).
 */
export function checkCapOrigin(out: Violations, path: string, cap: CapOrigin, texts: number): void {
  checkText(out, fieldPath(path, 'identifier'), cap.identifier, { ...TOKEN, required: true });
  checkText(out, fieldPath(path, 'sender'), cap.sender, { ...TOKEN, required: true });
  checkTimestamp(out, fieldPath(path, 'sent'), cap.sent, true);
  checkText(out, fieldPath(path, 'source'), cap.source, TEXT);
  checkTexts(out, fieldPath(path, 'codes'), cap.codes, TEXT);
  checkText(out, fieldPath(path, 'note'), cap.note, LONG);
  checkTexts(out, fieldPath(path, 'references'), cap.references, TEXT);
  checkText(out, fieldPath(path, 'incidents'), cap.incidents, TEXT);
  const infos = fieldPath(path, 'infos');
  checkCount(out, infos, cap.infos, CAP_LIMITS.maxInfos);
  if (cap.infos.length !== texts) {
    out.push({ field: infos, reason: `must have one info block for each of the alert's ${texts} texts` });
  }
  cap.infos.forEach((info, index) => checkInfo(out, itemPath(infos, index), info));
  checkText(out, fieldPath(path, 'signature'), cap.signature, BLOB);
}
