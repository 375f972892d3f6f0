import { CATEGORY_TOKEN_LIST, DIRECT_REGION, GENERAL_CATEGORY, isSubjectToken } from '#contracts';
import { isUserPublicKey } from '#trust';
import { WILDCARD, type Registry, type RegistryNode } from './registry-model.js';

const COUNTRY = /^[A-Z]{2}$/;
// RFC 3339 in UTC, as `Bl-Sent` carries it; fractions optional so a person can write `…T12:00:00Z`.
const UTC_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/** The instant of a key window bound, or NaN when the text is not an RFC 3339 UTC time. */
export function windowTime(text: string): number {
  return UTC_TIME.test(text) ? Date.parse(text) : Number.NaN;
}

/** Category tokens a subscription may name: every real category, and `general` for uncategorised messages. */
export const SUBSCRIBABLE_CATEGORIES: readonly string[] = [...CATEGORY_TOKEN_LIST, GENERAL_CATEGORY];

/** Checks ids, names and duplicates of one collection; returns the set of its ids. */
function checkIds(
  what: string,
  items: readonly { id: string; name: string }[],
  problems: string[],
): ReadonlySet<string> {
  const ids = new Set<string>();
  items.forEach((item, index) => {
    const label = `${what} ${item.id ? `"${item.id}"` : `#${index + 1}`}`;
    if (!isSubjectToken(item.id)) {
      problems.push(
        `${label}: id must be lowercase letters, digits and "-", starting with a letter (max 63)`,
      );
    }
    if (ids.has(item.id)) problems.push(`${label}: duplicate id`);
    ids.add(item.id);
    if (item.name.trim() === '') problems.push(`${label}: name is missing`);
  });
  return ids;
}

function checkCountry(label: string, country: string, problems: string[]): void {
  if (!COUNTRY.test(country))
    problems.push(`${label}: country "${country}" is not an ISO 3166-1 alpha-2 code`);
}

function checkList(
  label: string,
  values: readonly string[],
  known: (value: string) => boolean,
  what: string,
  problems: string[],
): void {
  if (values.length === 0) problems.push(`${label}: needs at least one ${what}`);
  for (const value of values) if (!known(value)) problems.push(`${label}: unknown ${what} "${value}"`);
}

function checkKeyWindows(label: string, node: RegistryNode, problems: string[]): void {
  const seen = new Set<string>();
  for (const window of node.keyWindows ?? []) {
    const at = `${label} key ${window.key}`;
    if (!node.publicKeys.includes(window.key)) problems.push(`${at}: window for a key not in publicKeys`);
    if (seen.has(window.key)) problems.push(`${at}: more than one validity window`);
    seen.add(window.key);
    const from = window.from === undefined ? undefined : windowTime(window.from);
    const revoked = window.revokedAt === undefined ? undefined : windowTime(window.revokedAt);
    if (Number.isNaN(from)) problems.push(`${at}: from "${window.from}" is not an RFC 3339 UTC time`);
    if (Number.isNaN(revoked)) {
      problems.push(`${at}: revokedAt "${window.revokedAt}" is not an RFC 3339 UTC time`);
    }
    if (from !== undefined && revoked !== undefined && !(from < revoked)) {
      problems.push(`${at}: revokedAt must come after from`);
    }
  }
}

/**
 * Every consistency problem of a well-shaped registry: ids that are not subject tokens or repeat, missing
 * names, references to unknown regions, sections, organisations or categories, bad country codes,
 * coordinates out of range, public keys that are not user nkeys or are enrolled twice, and key windows
 * that are malformed, reversed or name a key the node does not list.
 */
export function registryProblems(registry: Registry): string[] {
  const problems: string[] = [];
  const regions = checkIds('region', registry.regions, problems);
  const sections = checkIds('section', registry.sections, problems);
  checkIds('crossing point', registry.crossingPoints, problems);
  const organisations = checkIds('organisation', registry.organisations, problems);
  checkIds('node', registry.nodes, problems);

  if (regions.has(DIRECT_REGION)) {
    problems.push(`region "${DIRECT_REGION}": reserved for explicitly addressed deliveries`);
  }

  for (const section of registry.sections) {
    const label = `section "${section.id}"`;
    if (section.countries.length === 0) problems.push(`${label}: needs at least one country`);
    for (const country of section.countries) checkCountry(label, country, problems);
    checkList(label, section.regions, (id) => regions.has(id), 'region', problems);
  }

  for (const point of registry.crossingPoints) {
    const label = `crossing point "${point.id}"`;
    if (!sections.has(point.section)) problems.push(`${label}: unknown section "${point.section}"`);
    const { lat, lon } = point.location;
    if (!(lat >= -90 && lat <= 90)) problems.push(`${label}: latitude ${lat} is outside -90..90`);
    if (!(lon >= -180 && lon <= 180)) problems.push(`${label}: longitude ${lon} is outside -180..180`);
  }

  for (const organisation of registry.organisations) {
    for (const other of organisation.needToKnow ?? []) {
      const label = `organisation "${organisation.id}" needToKnow`;
      if (!organisations.has(other)) problems.push(`${label}: unknown organisation "${other}"`);
      else if (other === organisation.id) problems.push(`${label}: names the organisation itself`);
    }
  }

  for (const { id, escalation } of registry.organisations) {
    if (escalation === undefined) continue;
    const contact = registry.nodes.find((node) => node.id === escalation);
    if (contact === undefined) problems.push(`organisation "${id}" escalation: unknown node "${escalation}"`);
    else if (contact.kind === 'hub') problems.push(`organisation "${id}" escalation: the hub cannot be one`);
  }

  const keyOwners = new Map<string, string>();
  for (const node of registry.nodes) {
    const label = `node "${node.id}"`;
    if (!organisations.has(node.organisation)) {
      problems.push(`${label}: unknown organisation "${node.organisation}"`);
    }
    if (node.country !== undefined) checkCountry(label, node.country, problems);
    for (const key of node.publicKeys) {
      const owner = keyOwners.get(key);
      if (!isUserPublicKey(key)) problems.push(`${label}: "${key}" is not an nkey user public key (U…)`);
      else if (owner === node.id) problems.push(`${label}: public key ${key} is listed twice`);
      else if (owner !== undefined)
        problems.push(`${label}: public key ${key} is already enrolled for "${owner}"`);
      keyOwners.set(key, owner ?? node.id);
    }
    checkKeyWindows(label, node, problems);
    node.subscriptions.forEach((subscription, index) => {
      const at = `${label} subscriptions[${index}]`;
      checkList(at, subscription.regions, (id) => id === WILDCARD || regions.has(id), 'region', problems);
      checkList(
        at,
        subscription.categories,
        (token) => token === WILDCARD || SUBSCRIBABLE_CATEGORIES.includes(token),
        'category',
        problems,
      );
    });
  }
  return problems;
}
