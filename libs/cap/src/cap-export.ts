import { timestampDate, type Timestamp } from '@bufbuild/protobuf/wkt';
import { XMLValidator } from 'fast-xml-parser';
import {
  HandlingCode,
  Tlp,
  type Alert,
  type Area,
  type CapArea,
  type CapInfo,
  type CapValue,
  type Circle,
  type GeoPoint,
  type Polygon,
} from '#contracts';
import { CapExportError } from './cap.errors.js';
import {
  CATEGORY,
  CERTAINTY,
  EXPORT_CAP_CATEGORY,
  GEOCODE,
  GROUP_ADDRESS_PREFIX,
  HANDLING_CODE,
  MSG_TYPE,
  PAP,
  PARAMETER,
  SENDER_PREFIX,
  SEVERITY,
  STATUS,
  TLP,
  URGENCY,
} from './cap-vocabulary.js';

/** The media type of a CAP document (IANA, registered by OASIS for CAP). */
export const CAP_MEDIA_TYPE = 'application/cap+xml';
export const CAP_NAMESPACE = 'urn:oasis:names:tc:emergency:cap:1.2';

export interface CapExportOptions {
  /**
   * The CAP `sender,identifier,sent` triple of a referenced alert, by its Borderlink id; the node knows
   * its held alerts. Unneeded when the alert kept its document's references (an imported one).
   */
  referenceOf?: (id: string) => string | undefined;
}

function escape(text: string): string {
  return text.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
}

/** `<name>text</name>`, or nothing when there is no text. */
function element(name: string, text: string | undefined, indent: string): string {
  return text === undefined || text === '' ? '' : `${indent}<${name}>${escape(text)}</${name}>\n`;
}

function block(name: string, body: string, indent: string): string {
  return `${indent}<${name}>\n${body}${indent}</${name}>\n`;
}

/** CAP 1.2 times: seconds and an explicit offset, no fraction (the schema's pattern). */
export function capTime(timestamp: Timestamp | undefined): string | undefined {
  if (timestamp === undefined) return undefined;
  return `${timestampDate(timestamp).toISOString().slice(0, 19)}+00:00`;
}

function pairs(name: string, values: readonly CapValue[], indent: string): string {
  const inner = `${indent}  `;
  return values
    .map((v) =>
      block(
        name,
        `${element('valueName', v.name, inner)}${inner}<value>${escape(v.value)}</value>\n`,
        indent,
      ),
    )
    .join('');
}

function pointText(point: GeoPoint): string {
  return `${point.lat},${point.lon}`;
}

function polygonText(polygon: Polygon): string {
  return polygon.vertices.map(pointText).join(' ');
}

function circleText(circle: Circle): string {
  if (circle.center === undefined) throw new CapExportError('a circle without a centre has no CAP form');
  return `${pointText(circle.center)} ${circle.radiusKm}`;
}

function areaXml(area: CapArea, indent: string): string {
  const inner = `${indent}  `;
  const body =
    element('areaDesc', area.description, inner) +
    area.polygons.map((p) => element('polygon', polygonText(p), inner)).join('') +
    area.circles.map((c) => element('circle', circleText(c), inner)).join('') +
    pairs('geocode', area.geocodes, inner) +
    element('altitude', area.altitude?.toString(), inner) +
    element('ceiling', area.ceiling?.toString(), inner);
  return block('area', body, indent);
}

/** A Borderlink area as one CAP area: points are circles of radius 0, registry places geocodes. */
function areaOf(area: Area): CapArea {
  const places = [...area.borderSections, ...area.crossingPoints];
  return {
    $typeName: 'borderlink.v1.CapArea',
    description: area.description !== '' ? area.description : places.join(', '),
    polygons: area.polygons,
    circles: [
      ...area.circles,
      ...area.points.map((center) => ({ $typeName: 'borderlink.v1.Circle' as const, center, radiusKm: 0 })),
    ],
    geocodes: [
      ...area.borderSections.map((value) => pair(GEOCODE.section, value)),
      ...area.crossingPoints.map((value) => pair(GEOCODE.crossingPoint, value)),
    ],
  };
}

/** A `valueName` and `value` pair: a geocode or a parameter. */
function pair(name: string, value: string): CapValue {
  return { $typeName: 'borderlink.v1.CapValue', name, value };
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new CapExportError(`the alert's ${what} has no CAP form`);
  return value;
}

/** Borderlink's own parameters, so that the document imports back to the same alert. */
function ownParameters(alert: Alert): CapValue[] {
  const out = [pair(PARAMETER.category, required(CATEGORY.word(alert.category), 'category'))];
  const { evaluation } = alert;
  if (evaluation !== undefined) {
    const source = ['', 'A', 'B', 'C', 'X'][evaluation.source] ?? '';
    out.push(pair(PARAMETER.evaluation, `${source}${evaluation.information}`));
  }
  if (alert.regions.length > 0) out.push(pair(PARAMETER.regions, alert.regions.join(' ')));
  return out;
}

function infoXml(alert: Alert, index: number, indent: string): string {
  const text = alert.texts[index]!;
  const kept: CapInfo | undefined = alert.cap?.infos[index];
  const inner = `${indent}  `;
  const categories = kept?.categories.length ? kept.categories : [EXPORT_CAP_CATEGORY];
  const event = kept?.event ?? CATEGORY.word(alert.category)?.toLowerCase().replaceAll('_', ' ') ?? 'alert';
  const areas = kept !== undefined ? kept.areas : alert.area === undefined ? [] : [areaOf(alert.area)];
  const parameters =
    index === 0 ? [...ownParameters(alert), ...(kept?.parameters ?? [])] : (kept?.parameters ?? []);
  const body =
    element('language', kept !== undefined ? kept.language : text.language, inner) +
    categories.map((category) => element('category', category, inner)).join('') +
    element('event', event, inner) +
    (kept?.responseTypes ?? []).map((type) => element('responseType', type, inner)).join('') +
    element('urgency', required(URGENCY.word(alert.urgency), 'urgency'), inner) +
    element('severity', required(SEVERITY.word(alert.severity), 'severity'), inner) +
    element('certainty', required(CERTAINTY.word(alert.certainty), 'certainty'), inner) +
    element('audience', kept?.audience, inner) +
    pairs('eventCode', kept?.eventCodes ?? [], inner) +
    element('effective', capTime(alert.effective), inner) +
    element('onset', capTime(kept?.onset), inner) +
    element('expires', capTime(alert.expires), inner) +
    element('senderName', kept?.senderName, inner) +
    element('headline', text.headline, inner) +
    element('description', text.description, inner) +
    element('instruction', text.instruction, inner) +
    element('web', kept?.web, inner) +
    element('contact', kept?.contact, inner) +
    pairs('parameter', parameters, inner) +
    (kept?.resources ?? [])
      .map((r) => {
        const deep = `${inner}  `;
        const resource =
          element('resourceDesc', r.description, deep) +
          element('mimeType', r.mimeType, deep) +
          element('size', r.size === 0 ? undefined : String(r.size), deep) +
          element('uri', r.uri, deep) +
          element('derefUri', r.derefUri, deep) +
          element('digest', r.digest, deep);
        return block('resource', resource, inner);
      })
      .join('') +
    areas.map((area) => areaXml(area, inner)).join('');
  return block('info', body, indent);
}

/** CAP's scope from the TLP label: CLEAR is Public, RED Private (its addressees only), the others Restricted. */
function scopeOf(tlp: Tlp): string {
  if (tlp === Tlp.CLEAR) return 'Public';
  return tlp === Tlp.RED ? 'Private' : 'Restricted';
}

/** The restriction's labels, then the restrictions in words; what the import would assume is left out. */
function restrictionOf(alert: Alert): string | undefined {
  const handling = required(alert.handling, 'handling');
  const labels: string[] = [];
  if (handling.tlp !== Tlp.CLEAR) labels.push(required(TLP.word(handling.tlp), 'TLP label'));
  if (handling.pap !== 0) labels.push(required(PAP.word(handling.pap), 'PAP label'));
  const implied = handling.restrictions === '' ? HandlingCode.H0 : HandlingCode.H3;
  if (handling.code !== implied) labels.push(required(HANDLING_CODE.word(handling.code), 'handling code'));
  const words = [...labels, handling.restrictions].filter((part) => part !== '').join(' ');
  return words === '' ? undefined : words;
}

function addressesOf(alert: Alert): string | undefined {
  const { nodes = [], groups = [] } = alert.addressees ?? {};
  const all = [...nodes, ...groups.map((group) => `${GROUP_ADDRESS_PREFIX}${group}`)];
  return all.length === 0 ? undefined : all.join(' ');
}

function referencesOf(alert: Alert, options: CapExportOptions): string | undefined {
  if (alert.cap !== undefined && alert.cap.references.length > 0) return alert.cap.references.join(' ');
  if (alert.references.length === 0) return undefined;
  return alert.references
    .map((id) => {
      const triple = options.referenceOf?.(id);
      if (triple === undefined) throw new CapExportError(`the referenced alert ${id} has no CAP form here`);
      return triple;
    })
    .join(' ');
}

// One XML-DSig Signature element and nothing around it: the kept signature is written verbatim.
const SIGNATURE = /^<(?:[A-Za-z_][\w.-]*:)?Signature[\s>][\s\S]*<\/(?:[A-Za-z_][\w.-]*:)?Signature\s*>$/;

/**
 * The kept signature, checked to be one well-formed `Signature` element: `cap` may come from a JSON
 * body too, and markup of its own must not reach a document others read.
 */
function signatureXml(signature: string, indent: string): string {
  if (signature === '') return '';
  const trimmed = signature.trim();
  if (!SIGNATURE.test(trimmed) || XMLValidator.validate(trimmed) !== true) {
    throw new CapExportError('the kept signature is not one XML Signature element');
  }
  return `${indent}${trimmed}\n`;
}

/** A node's own alert as CAP names it: `borderlink:<node>`, its id and its sent time. */
export function capReferenceOf(alert: Alert): string {
  if (alert.cap !== undefined)
    return `${alert.cap.sender},${alert.cap.identifier},${capTime(alert.cap.sent)}`;
  return `${SENDER_PREFIX}${alert.sender},${alert.id},${capTime(alert.sent)}`;
}

/**
 * Writes an alert as a CAP 1.2 document. An imported alert writes its document back from what it
 * kept (`cap`); a node's own alert writes as `borderlink:<node>` with its id as identifier. TLP goes in
 * `scope` and `restriction`, the addressees in `addresses`; seized items and person counts have no
 * CAP form and are not written (the document names Borderlink's message by its identifier).
 * @throws CapExportError when a field the document needs has no CAP form.
 */
export function exportCap(alert: Alert, options: CapExportOptions = {}): string {
  const { cap } = alert;
  const indent = '  ';
  const handling = required(alert.handling, 'handling');
  const body =
    element('identifier', cap?.identifier ?? alert.id, indent) +
    element('sender', cap?.sender ?? `${SENDER_PREFIX}${alert.sender}`, indent) +
    element('sent', required(capTime(cap?.sent ?? alert.sent), 'sent time'), indent) +
    element('status', required(STATUS.word(alert.status), 'status'), indent) +
    element('msgType', required(MSG_TYPE.word(alert.type), 'type'), indent) +
    element('source', cap?.source, indent) +
    element('scope', scopeOf(handling.tlp), indent) +
    element('restriction', restrictionOf(alert), indent) +
    element('addresses', addressesOf(alert), indent) +
    (cap?.codes ?? []).map((code) => element('code', code, indent)).join('') +
    element('note', cap?.note, indent) +
    element('references', referencesOf(alert, options), indent) +
    element('incidents', cap !== undefined ? cap.incidents : alert.incident, indent) +
    alert.texts.map((_, index) => infoXml(alert, index, indent)).join('') +
    signatureXml(cap?.signature ?? '', indent);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<alert xmlns="${CAP_NAMESPACE}">\n${body}</alert>\n`;
}
