import { XMLParser } from 'fast-xml-parser';

/** A CAP `valueName` and `value` pair as written. */
export interface CapXmlValue {
  valueName: string;
  value: string;
}

export interface CapXmlResource {
  resourceDesc: string;
  mimeType: string;
  size?: string;
  uri?: string;
  derefUri?: string;
  digest?: string;
}

export interface CapXmlArea {
  areaDesc: string;
  polygon: string[];
  circle: string[];
  geocode: CapXmlValue[];
  altitude?: string;
  ceiling?: string;
}

export interface CapXmlInfo {
  language?: string;
  category: string[];
  event: string;
  responseType: string[];
  urgency: string;
  severity: string;
  certainty: string;
  audience?: string;
  eventCode: CapXmlValue[];
  effective?: string;
  onset?: string;
  expires?: string;
  senderName?: string;
  headline?: string;
  description?: string;
  instruction?: string;
  web?: string;
  contact?: string;
  parameter: CapXmlValue[];
  resource: CapXmlResource[];
  area: CapXmlArea[];
}

/** A CAP 1.2 `alert` element as written: every value a string, repeated elements as lists. */
export interface CapXmlAlert {
  identifier: string;
  sender: string;
  sent: string;
  status: string;
  msgType: string;
  source?: string;
  scope: string;
  restriction?: string;
  addresses?: string;
  code: string[];
  note?: string;
  references?: string;
  incidents?: string;
  info: CapXmlInfo[];
  /** The enveloped XML-DSig `Signature` element, verbatim. */
  signature?: string;
}

// Elements CAP 1.2 lets repeat, by their path from the root.
const REPEATED = new Set([
  'alert.code',
  'alert.info',
  'alert.info.category',
  'alert.info.responseType',
  'alert.info.eventCode',
  'alert.info.parameter',
  'alert.info.resource',
  'alert.info.area',
  'alert.info.area.polygon',
  'alert.info.area.circle',
  'alert.info.area.geocode',
]);

const parser = new XMLParser({
  ignoreAttributes: true,
  // Australia's feeds write `cap:alert`; the schema has already checked the namespace.
  removeNSPrefix: true,
  // Every value stays the text it was: numbers and times are read by the mapping, which can refuse them.
  parseTagValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: (_name, jpath) => REPEATED.has(String(jpath)),
});

// The signature is kept as written (its canonical form is what was signed); it holds no nested Signature.
const SIGNATURE = /<(?:[A-Za-z_][\w.-]*:)?Signature[\s>][\s\S]*?<\/(?:[A-Za-z_][\w.-]*:)?Signature\s*>/;

type Node = Record<string, unknown>;

// Elements whose text may run over lines; in the others a line break is the writer's wrapping.
const MULTILINE = new Set(['description', 'instruction', 'note', 'derefUri', 'value']);

function oneLine(name: string, value: string): string {
  return MULTILINE.has(name) ? value : value.replace(/[ \t]*\r?\n\s*/g, ' ');
}

/** An element's text, or undefined when absent or empty (`<restriction />` says nothing). */
function text(node: Node, name: string): string | undefined {
  const value = node[name];
  if (typeof value !== 'string' || value === '') return undefined;
  return oneLine(name, value);
}

function required(node: Node, name: string): string {
  return text(node, name) ?? '';
}

function texts(node: Node, name: string): string[] {
  const value = node[name];
  if (!Array.isArray(value)) return [];
  return value.filter((v): v is string => typeof v === 'string' && v !== '').map((v) => oneLine(name, v));
}

function children(node: Node, name: string): Node[] {
  const value = node[name];
  return Array.isArray(value)
    ? value.map((v) => (typeof v === 'object' && v !== null ? (v as Node) : {}))
    : [];
}

function values(node: Node, name: string): CapXmlValue[] {
  return children(node, name).map((pair) => ({
    valueName: required(pair, 'valueName'),
    value: typeof pair['value'] === 'string' ? pair['value'] : '',
  }));
}

function optional<K extends string>(node: Node, names: readonly K[]): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const name of names) {
    const value = text(node, name);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

function readArea(area: Node): CapXmlArea {
  return {
    areaDesc: required(area, 'areaDesc'),
    polygon: texts(area, 'polygon'),
    circle: texts(area, 'circle'),
    geocode: values(area, 'geocode'),
    ...optional(area, ['altitude', 'ceiling'] as const),
  };
}

function readResource(resource: Node): CapXmlResource {
  return {
    resourceDesc: required(resource, 'resourceDesc'),
    mimeType: required(resource, 'mimeType'),
    ...optional(resource, ['size', 'uri', 'derefUri', 'digest'] as const),
  };
}

function readInfo(info: Node): CapXmlInfo {
  return {
    ...optional(info, [
      'language',
      'audience',
      'effective',
      'onset',
      'expires',
      'senderName',
      'headline',
      'description',
      'instruction',
      'web',
      'contact',
    ] as const),
    category: texts(info, 'category'),
    event: required(info, 'event'),
    responseType: texts(info, 'responseType'),
    urgency: required(info, 'urgency'),
    severity: required(info, 'severity'),
    certainty: required(info, 'certainty'),
    eventCode: values(info, 'eventCode'),
    parameter: values(info, 'parameter'),
    resource: children(info, 'resource').map(readResource),
    area: children(info, 'area').map(readArea),
  };
}

/**
 * Reads a CAP 1.2 document the schema has accepted (`checkCapSchema`) into its elements' texts.
 * Comments and processing instructions are not part of the alert and are not read.
 */
export function readCapXml(xml: string): CapXmlAlert {
  const root = (parser.parse(xml) as Node)['alert'] as Node;
  const signature = SIGNATURE.exec(xml)?.[0];
  return {
    identifier: required(root, 'identifier'),
    sender: required(root, 'sender'),
    sent: required(root, 'sent'),
    status: required(root, 'status'),
    msgType: required(root, 'msgType'),
    scope: required(root, 'scope'),
    ...optional(root, ['source', 'restriction', 'addresses', 'note', 'references', 'incidents'] as const),
    code: texts(root, 'code'),
    info: children(root, 'info').map(readInfo),
    ...(signature === undefined ? {} : { signature }),
  };
}
