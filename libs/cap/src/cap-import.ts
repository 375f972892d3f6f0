import { createHash } from 'node:crypto';
import { create } from '@bufbuild/protobuf';
import { timestampFromDate, type Timestamp } from '@bufbuild/protobuf/wkt';
import {
  AlertSchema,
  AreaSchema,
  CapAreaSchema,
  CapInfoSchema,
  CapOriginSchema,
  CapResourceSchema,
  CapValueSchema,
  Category,
  CircleSchema,
  GeoPointSchema,
  HandlingCode,
  HandlingSchema,
  InformationReliability,
  LIMITS,
  LocalizedTextSchema,
  PolygonSchema,
  readLanguageTag,
  SourceReliability,
  Tlp,
  TranslationProvenance,
  type Alert,
  type Area,
  type CapArea,
  type CapInfo,
  type CapValue,
  type Circle,
  type GeoPoint,
  type Handling,
  type Polygon,
  type Violation,
} from '#contracts';
import { CapRefusedError } from './cap.errors.js';
import { checkCapSchema } from './cap-schema.js';
import {
  readCapXml,
  type CapXmlAlert,
  type CapXmlArea,
  type CapXmlInfo,
  type CapXmlValue,
} from './cap-xml.js';
import {
  CATEGORY,
  CERTAINTY,
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

export interface CapImportOptions {
  /** The importing node: the alert is its own, sent now (the document's sender and sent are kept in `cap`). */
  node: string;
  now: Date;
  /** Registry regions the alert concerns, besides those the document names itself. */
  regions?: readonly string[];
}

// CAP's own default when an info names no language.
const DEFAULT_LANGUAGE = 'en-US';
const OWN_PARAMETERS: ReadonlySet<string> = new Set(Object.values(PARAMETER));

/**
 * The id of the alert a CAP document becomes: the same document (sender and identifier) always gets
 * the same id, so importing it again is a retry, not a second alert, and an Update's references find
 * the alerts they name without a look-up. A node's own exported alerts keep their id.
 */
export function capAlertId(sender: string, identifier: string): string {
  if (sender.startsWith(SENDER_PREFIX) && /^[A-Za-z0-9_-]{1,128}$/.test(identifier)) return identifier;
  const digest = createHash('sha256').update(`${sender},${identifier}`).digest('base64url');
  return `cap-${digest}`;
}

/** Collects refusals with their CAP element paths (`alert/info[1]/language`). */
class Refusals {
  readonly list: Violation[] = [];

  add(field: string, reason: string): void {
    this.list.push({ field, reason });
  }
}

function time(out: Refusals, path: string, value: string | undefined): Timestamp | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    out.add(path, 'must be a date and time');
    return undefined;
  }
  return timestampFromDate(date);
}

function number(out: Refusals, path: string, text: string): number | undefined {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) {
    out.add(path, `must be a number, not "${text}"`);
    return undefined;
  }
  return value;
}

/** `lat,lon` as CAP writes a WGS 84 point. */
function point(out: Refusals, path: string, text: string): GeoPoint | undefined {
  const [lat, lon, ...rest] = text.split(',');
  if (lat === undefined || lon === undefined || rest.length > 0) {
    out.add(path, `must be "latitude,longitude", not "${text}"`);
    return undefined;
  }
  const latitude = number(out, path, lat);
  const longitude = number(out, path, lon);
  if (latitude === undefined || longitude === undefined) return undefined;
  return create(GeoPointSchema, { lat: latitude, lon: longitude });
}

function polygon(out: Refusals, path: string, text: string): Polygon | undefined {
  const vertices = text
    .trim()
    .split(/\s+/)
    .map((pair) => point(out, path, pair));
  if (vertices.some((vertex) => vertex === undefined)) return undefined;
  return create(PolygonSchema, { vertices: vertices as GeoPoint[] });
}

function circle(out: Refusals, path: string, text: string): Circle | undefined {
  const [centre, radius, ...rest] = text.trim().split(/\s+/);
  if (centre === undefined || radius === undefined || rest.length > 0) {
    out.add(path, `must be "latitude,longitude radius", not "${text}"`);
    return undefined;
  }
  const center = point(out, path, centre);
  const radiusKm = number(out, path, radius);
  if (center === undefined || radiusKm === undefined) return undefined;
  return create(CircleSchema, { center, radiusKm });
}

function pairs(values: readonly CapXmlValue[]): CapValue[] {
  return values.map(({ valueName, value }) => create(CapValueSchema, { name: valueName, value }));
}

function readArea(out: Refusals, path: string, area: CapXmlArea): CapArea {
  const polygons = area.polygon.map((text, index) => polygon(out, `${path}/polygon[${index}]`, text));
  const circles = area.circle.map((text, index) => circle(out, `${path}/circle[${index}]`, text));
  const height = (name: 'altitude' | 'ceiling') => {
    const text = area[name];
    return text === undefined ? undefined : number(out, `${path}/${name}`, text);
  };
  return create(CapAreaSchema, {
    description: area.areaDesc,
    polygons: polygons.filter((p): p is Polygon => p !== undefined),
    circles: circles.filter((c): c is Circle => c !== undefined),
    geocodes: pairs(area.geocode),
    altitude: height('altitude'),
    ceiling: height('ceiling'),
  });
}

/**
 * The alert's area from the first info block's areas: their descriptions, polygons and circles (a
 * circle of radius 0 is a point), and the registry places their `borderlink:` geocodes name.
 */
export function joinAreas(areas: readonly CapArea[]): Area | undefined {
  if (areas.length === 0) return undefined;
  const joined = areas.map((area) => area.description).join('; ');
  const description =
    joined.length <= LIMITS.areaDescriptionMaxLength || areas.length === 1
      ? joined
      : `${areas[0]!.description} and ${areas.length - 1} other areas`;
  const geocodes = (name: string) =>
    areas.flatMap((area) => area.geocodes.filter((code) => code.name === name).map((code) => code.value));
  const circles = areas.flatMap((area) => area.circles);
  return create(AreaSchema, {
    description,
    borderSections: geocodes(GEOCODE.section),
    crossingPoints: geocodes(GEOCODE.crossingPoint),
    points: circles.filter((c) => c.radiusKm === 0 && c.center !== undefined).map((c) => c.center!),
    circles: circles.filter((c) => c.radiusKm !== 0),
    polygons: areas.flatMap((area) => area.polygons),
  });
}

function readInfo(out: Refusals, path: string, info: CapXmlInfo): CapInfo {
  return create(CapInfoSchema, {
    language: info.language ?? '',
    categories: info.category,
    event: info.event,
    responseTypes: info.responseType,
    audience: info.audience ?? '',
    eventCodes: pairs(info.eventCode),
    onset: time(out, `${path}/onset`, info.onset),
    senderName: info.senderName ?? '',
    web: info.web ?? '',
    contact: info.contact ?? '',
    parameters: pairs(info.parameter.filter((p) => !OWN_PARAMETERS.has(p.valueName))),
    resources: info.resource.map((resource, index) => {
      const size =
        resource.size === undefined ? 0 : number(out, `${path}/resource[${index}]/size`, resource.size);
      return create(CapResourceSchema, {
        description: resource.resourceDesc,
        mimeType: resource.mimeType,
        size: size ?? 0,
        uri: resource.uri ?? '',
        derefUri: resource.derefUri ?? '',
        digest: resource.digest ?? '',
      });
    }),
    areas: info.area.map((area, index) => readArea(out, `${path}/area[${index}]`, area)),
  });
}

/** Reads a vocabulary word, refusing one Borderlink has no value for. */
function word<T>(
  out: Refusals,
  path: string,
  text: string,
  table: { value(word: string): T | undefined; words(): string[] },
): T | undefined {
  const value = table.value(text);
  if (value === undefined)
    out.add(path, `"${text}" has no Borderlink form (one of ${table.words().join(', ')})`);
  return value;
}

/** The value of one of Borderlink's own parameters, from the first info block that has it. */
function ownParameter(infos: readonly CapXmlInfo[], name: string): string | undefined {
  for (const info of infos) {
    const found = info.parameter.find((p) => p.valueName === name);
    if (found !== undefined) return found.value;
  }
  return undefined;
}

/**
 * Handling from the CAP scope and the labels leading its restriction: `TLP:…`, `PAP:…` and
 * `SIENA:H0`…`H3`, then the restrictions in words. Without a TLP label the scope decides: Public is
 * TLP:CLEAR, Restricted TLP:AMBER, Private TLP:RED. Without a SIENA code, restrictions in words are
 * H3 ("other restrictions") and none H0.
 */
function readHandling(out: Refusals, cap: CapXmlAlert): Handling {
  const tokens = (cap.restriction ?? '').split(/\s+/).filter((token) => token !== '');
  let tlp: Tlp | undefined;
  let pap: number | undefined;
  let code: HandlingCode | undefined;
  let used = 0;
  for (const token of tokens) {
    if (tlp === undefined && TLP.value(token) !== undefined) tlp = TLP.value(token);
    else if (pap === undefined && PAP.value(token) !== undefined) pap = PAP.value(token);
    else if (code === undefined && HANDLING_CODE.value(token) !== undefined)
      code = HANDLING_CODE.value(token);
    else break;
    used += 1;
  }
  const restrictions = tokens.slice(used).join(' ');
  const byScope = { Public: Tlp.CLEAR, Restricted: Tlp.AMBER, Private: Tlp.RED }[cap.scope];
  if (byScope === undefined) out.add('alert/scope', `"${cap.scope}" is not a CAP 1.2 scope`);
  if (cap.scope === 'Public' && tlp !== undefined && tlp !== Tlp.CLEAR) {
    out.add('alert/restriction', `${TLP.word(tlp)} contradicts the scope Public (TLP:CLEAR)`);
  }
  if (cap.scope !== 'Public' && tlp === Tlp.CLEAR) {
    out.add('alert/restriction', `TLP:CLEAR contradicts the scope ${cap.scope}`);
  }
  return create(HandlingSchema, {
    tlp: tlp ?? byScope ?? Tlp.UNSPECIFIED,
    code: code ?? (restrictions === '' ? HandlingCode.H0 : HandlingCode.H3),
    pap: pap ?? 0,
    restrictions,
  });
}

/** CAP addresses: space-separated, a quoted one may hold spaces (CAP 1.2, 3.2.1). */
export function splitAddresses(text: string): string[] {
  return [...text.matchAll(/"([^"]*)"|(\S+)/g)].map((match) => match[1] ?? match[2] ?? '');
}

function readAddressees(out: Refusals, cap: CapXmlAlert): { nodes: string[]; groups: string[] } {
  const addresses = splitAddresses(cap.addresses ?? '');
  if (cap.scope === 'Private' && addresses.length === 0) {
    out.add('alert/addresses', 'must name the recipients of a Private alert');
  }
  const groups = addresses.filter((a) => a.startsWith(GROUP_ADDRESS_PREFIX));
  return {
    nodes: addresses.filter((a) => !a.startsWith(GROUP_ADDRESS_PREFIX)),
    groups: groups.map((group) => group.slice(GROUP_ADDRESS_PREFIX.length)),
  };
}

/** Each `sender,identifier,sent` triple names the alert its import became (capAlertId). */
function readReferences(out: Refusals, text: string | undefined): { ids: string[]; triples: string[] } {
  const triples = (text ?? '').split(/\s+/).filter((triple) => triple !== '');
  const ids = triples.flatMap((triple, index) => {
    const [sender, identifier, sent, ...rest] = triple.split(',');
    if (sender === undefined || identifier === undefined || sent === undefined || rest.length > 0) {
      out.add('alert/references', `reference ${index + 1} must be "sender,identifier,sent", not "${triple}"`);
      return [];
    }
    return [capAlertId(sender, identifier)];
  });
  return { ids, triples };
}

function readEvaluation(out: Refusals, text: string | undefined) {
  // CAP carries no grading: the importing agency cannot assess the source, nor corroborate the information.
  if (text === undefined)
    return { source: SourceReliability.X, information: InformationReliability.INFORMATION_RELIABILITY_4 };
  const match = /^([ABCX])([1-4])$/.exec(text);
  if (match === null) {
    out.add(`alert/info/parameter[${PARAMETER.evaluation}]`, `must be a grade such as "B2", not "${text}"`);
    return undefined;
  }
  const sources = {
    A: SourceReliability.A,
    B: SourceReliability.B,
    C: SourceReliability.C,
    X: SourceReliability.X,
  };
  return { source: sources[match[1] as 'A'], information: Number(match[2]) as InformationReliability };
}

function readCategory(out: Refusals, text: string | undefined): Category | undefined {
  // CAP's categories (Geo, Met, Security, …) are not border-security threats: the general one, the originals kept.
  if (text === undefined) return Category.OTHER;
  return word(out, `alert/info/parameter[${PARAMETER.category}]`, text, CATEGORY);
}

/** Urgency, severity, certainty, effective and expires are the alert's: every info block must agree. */
function checkAgreement(out: Refusals, infos: readonly CapXmlInfo[]): void {
  const first = infos[0];
  if (first === undefined) return;
  infos.slice(1).forEach((info, offset) => {
    for (const name of ['urgency', 'severity', 'certainty', 'effective', 'expires'] as const) {
      const same =
        name === 'effective' || name === 'expires'
          ? info[name] === first[name] ||
            (info[name] !== undefined &&
              first[name] !== undefined &&
              new Date(info[name]).getTime() === new Date(first[name]).getTime())
          : info[name] === first[name];
      if (!same) {
        out.add(
          `alert/info[${offset + 1}]/${name}`,
          `differs from info[0]'s: a Borderlink alert has one ${name} for all its languages`,
        );
      }
    }
  });
}

function readTexts(out: Refusals, infos: readonly CapXmlInfo[]) {
  const seen = new Map<string, number>();
  return infos.flatMap((info, index) => {
    const path = `alert/info[${index}]/language`;
    const tag = info.language ?? DEFAULT_LANGUAGE;
    const reading = readLanguageTag(tag);
    if ('reason' in reading) {
      out.add(path, `"${tag}" ${reading.reason}`);
      return [];
    }
    // The tag itself, so an export imports back the same; only its spelling is made canonical
    // (`en-us` → `en-US`), the document's own kept in `cap.infos` and written back.
    const language = reading.canonical;
    const earlier = seen.get(language);
    if (earlier !== undefined) {
      out.add(path, `repeats info[${earlier}]'s language: a Borderlink alert has one text a language`);
      return [];
    }
    seen.set(language, index);
    return [
      create(LocalizedTextSchema, {
        language,
        // The first block is the sender's own words; CAP does not say how the others were made.
        provenance: index === 0 ? TranslationProvenance.ORIGINAL : TranslationProvenance.HUMAN_TRANSLATED,
        // A CAP headline is optional; its event names what the alert is about.
        headline: info.headline ?? info.event,
        description: info.description ?? '',
        instruction: info.instruction ?? '',
      }),
    ];
  });
}

/** Maps a read CAP document to a Borderlink alert, or refuses each element it cannot map by its path. */
export function mapCapAlert(cap: CapXmlAlert, options: CapImportOptions): Alert {
  const out = new Refusals();
  const status = word(out, 'alert/status', cap.status, STATUS);
  const type = word(out, 'alert/msgType', cap.msgType, MSG_TYPE);
  if (cap.info.length === 0)
    out.add('alert/info', 'must have at least one info block: a Borderlink alert has a text');
  const first = cap.info[0];
  const urgency =
    first === undefined ? undefined : word(out, 'alert/info[0]/urgency', first.urgency, URGENCY);
  const severity =
    first === undefined ? undefined : word(out, 'alert/info[0]/severity', first.severity, SEVERITY);
  const certainty =
    first === undefined ? undefined : word(out, 'alert/info[0]/certainty', first.certainty, CERTAINTY);
  checkAgreement(out, cap.info);
  const texts = readTexts(out, cap.info);
  const infos = cap.info.map((info, index) => readInfo(out, `alert/info[${index}]`, info));
  const handling = readHandling(out, cap);
  const addressees = readAddressees(out, cap);
  const references = readReferences(out, cap.references);
  const evaluation = readEvaluation(out, ownParameter(cap.info, PARAMETER.evaluation));
  const category = readCategory(out, ownParameter(cap.info, PARAMETER.category));
  const named = (ownParameter(cap.info, PARAMETER.regions) ?? '').split(/\s+/).filter((r) => r !== '');
  const regions = [...new Set([...(options.regions ?? []), ...named])];
  const sent = time(out, 'alert/sent', cap.sent);
  const effective = first === undefined ? undefined : time(out, 'alert/info[0]/effective', first.effective);
  const expires = first === undefined ? undefined : time(out, 'alert/info[0]/expires', first.expires);
  const incidents = cap.incidents ?? '';
  if (out.list.length > 0) throw new CapRefusedError(out.list);

  return create(AlertSchema, {
    id: capAlertId(cap.sender, cap.identifier),
    sender: options.node,
    sent: timestampFromDate(options.now),
    type,
    status,
    references: references.ids,
    // One incident key is Borderlink's incident; several stay only in `cap.incidents`.
    incident: /^[A-Za-z0-9_-]{1,128}$/.test(incidents) ? incidents : '',
    category,
    severity,
    urgency,
    certainty,
    area: joinAreas(infos[0]?.areas ?? []),
    regions,
    effective,
    expires,
    texts,
    evaluation,
    handling,
    addressees: addressees.nodes.length + addressees.groups.length > 0 ? addressees : undefined,
    cap: create(CapOriginSchema, {
      identifier: cap.identifier,
      sender: cap.sender,
      sent,
      source: cap.source ?? '',
      codes: cap.code,
      note: cap.note ?? '',
      references: references.triples,
      incidents,
      infos,
      signature: cap.signature ?? '',
    }),
  });
}

/**
 * Imports a CAP 1.2 document: checks it against the OASIS schema, reads it and maps it to a
 * Borderlink alert of `options.node`'s. The alert still goes through Borderlink's validation when sent.
 * @throws CapRefusedError with the schema's reasons (field `document`), or with each element that has
 *   no Borderlink form (field: its CAP path, e.g. `alert/info[1]/language`).
 */
export async function importCap(xml: string, options: CapImportOptions): Promise<Alert> {
  const decoded = asDecoded(xml);
  const refusals = await checkCapSchema(decoded);
  if (refusals.length > 0) throw new CapRefusedError(refusals);
  return mapCapAlert(readCapXml(decoded), options);
}

const DECLARED_ENCODING = /^(\uFEFF?<\?xml[^>]*?\sencoding\s*=\s*)(["'])[^"']*\2/;

/**
 * The document as the text it already is: its bytes were decoded by whoever read them (the HTTP
 * charset, the CLI from the declaration), so a declared encoding other than UTF-8 no longer holds.
 */
export function asDecoded(xml: string): string {
  return xml.replace(DECLARED_ENCODING, '$1$2UTF-8$2');
}

/** The encoding a document's XML declaration names (lower case), or undefined. */
export function declaredEncoding(head: string): string | undefined {
  return /^\uFEFF?<\?xml[^>]*?\sencoding\s*=\s*["']([^"']+)["']/.exec(head)?.[1]?.toLowerCase();
}
