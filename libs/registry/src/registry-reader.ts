import {
  NODE_KINDS,
  PROTOCOL_VERSIONS,
  type BorderSection,
  type CrossingPoint,
  type KeyWindow,
  type NodeKind,
  type Organisation,
  type ProtocolVersion,
  type Region,
  type Registry,
  type RegistryNode,
  type Subscription,
} from './registry-model.js';

type Fields = Record<string, unknown>;

const join = (path: string, key: string) => (path === '' ? key : `${path}.${key}`);

/**
 * Reads the parsed YAML into the typed model, checking only shape (objects, types, known keys) and
 * noting each problem with its path; a bad value reads as empty so reading can go on and report the rest.
 */
class ShapeReader {
  readonly problems: string[] = [];

  object(value: unknown, path: string, keys: readonly string[]): Fields | undefined {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.problems.push(`${path}: expected a mapping`);
      return undefined;
    }
    for (const key of Object.keys(value)) {
      if (!keys.includes(key)) this.problems.push(`${path}: unknown key "${key}"`);
    }
    return value as Fields;
  }

  string(fields: Fields, key: string, path: string): string {
    const value = fields[key];
    if (typeof value === 'string') return value;
    this.problems.push(`${join(path, key)}: ${value === undefined ? 'missing' : 'expected a string'}`);
    return '';
  }

  number(fields: Fields, key: string, path: string): number {
    const value = fields[key];
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    this.problems.push(`${join(path, key)}: ${value === undefined ? 'missing' : 'expected a number'}`);
    return Number.NaN;
  }

  list<T>(
    fields: Fields,
    key: string,
    path: string,
    item: (value: unknown, path: string) => T | undefined,
    optional = false,
  ): T[] {
    const value = fields[key];
    if (value === undefined && optional) return [];
    if (!Array.isArray(value)) {
      this.problems.push(`${join(path, key)}: ${value === undefined ? 'missing' : 'expected a list'}`);
      return [];
    }
    return value.flatMap((entry, index) => {
      const read = item(entry, `${join(path, key)}[${index}]`);
      return read === undefined ? [] : [read];
    });
  }

  strings(fields: Fields, key: string, path: string, optional = false): string[] {
    return this.list(fields, key, path, (value, at) => this.text(value, at), optional);
  }

  private text(value: unknown, path: string): string | undefined {
    if (typeof value === 'string') return value;
    this.problems.push(`${path}: expected a string`);
    return undefined;
  }
}

function readRegion(r: ShapeReader, value: unknown, path: string): Region | undefined {
  const f = r.object(value, path, ['id', 'name']);
  return f && { id: r.string(f, 'id', path), name: r.string(f, 'name', path) };
}

function readSection(r: ShapeReader, value: unknown, path: string): BorderSection | undefined {
  const f = r.object(value, path, ['id', 'name', 'countries', 'regions']);
  return (
    f && {
      id: r.string(f, 'id', path),
      name: r.string(f, 'name', path),
      countries: r.strings(f, 'countries', path),
      regions: r.strings(f, 'regions', path),
    }
  );
}

function readCrossingPoint(r: ShapeReader, value: unknown, path: string): CrossingPoint | undefined {
  const f = r.object(value, path, ['id', 'name', 'section', 'location']);
  if (!f) return undefined;
  const location = r.object(f.location, `${path}.location`, ['lat', 'lon']);
  return {
    id: r.string(f, 'id', path),
    name: r.string(f, 'name', path),
    section: r.string(f, 'section', path),
    location: location
      ? {
          lat: r.number(location, 'lat', `${path}.location`),
          lon: r.number(location, 'lon', `${path}.location`),
        }
      : { lat: Number.NaN, lon: Number.NaN },
  };
}

function readOrganisation(r: ShapeReader, value: unknown, path: string): Organisation | undefined {
  const f = r.object(value, path, ['id', 'name', 'needToKnow', 'escalation']);
  if (!f) return undefined;
  return {
    id: r.string(f, 'id', path),
    name: r.string(f, 'name', path),
    ...(f.needToKnow === undefined ? {} : { needToKnow: r.strings(f, 'needToKnow', path) }),
    ...(f.escalation === undefined ? {} : { escalation: r.string(f, 'escalation', path) }),
  };
}

function readSubscription(r: ShapeReader, value: unknown, path: string): Subscription | undefined {
  const f = r.object(value, path, ['regions', 'categories']);
  return f && { regions: r.strings(f, 'regions', path), categories: r.strings(f, 'categories', path) };
}

// A `publicKeys` entry: the key text alone, or a mapping with its validity window.
function readKeyEntry(r: ShapeReader, value: unknown, path: string): KeyWindow | undefined {
  if (typeof value === 'string') return { key: value };
  const f = r.object(value, path, ['key', 'from', 'revokedAt']);
  if (!f) return undefined;
  return {
    key: r.string(f, 'key', path),
    ...(f.from === undefined ? {} : { from: r.string(f, 'from', path) }),
    ...(f.revokedAt === undefined ? {} : { revokedAt: r.string(f, 'revokedAt', path) }),
  };
}

function readNode(r: ShapeReader, value: unknown, path: string): RegistryNode | undefined {
  const f = r.object(value, path, [
    'id',
    'name',
    'kind',
    'organisation',
    'country',
    'publicKeys',
    'subscriptions',
    'protocol',
  ]);
  if (!f) return undefined;
  const protocol = f.protocol === undefined ? undefined : r.string(f, 'protocol', path);
  if (protocol !== undefined && !(PROTOCOL_VERSIONS as readonly string[]).includes(protocol)) {
    r.problems.push(`${path}.protocol: "${protocol}" is not one of ${PROTOCOL_VERSIONS.join(', ')}`);
  }
  const kind = r.string(f, 'kind', path);
  if (kind !== '' && !(NODE_KINDS as readonly string[]).includes(kind)) {
    r.problems.push(`${path}.kind: "${kind}" is not one of ${NODE_KINDS.join(', ')}`);
  }
  const entries = r.list(f, 'publicKeys', path, (v, at) => readKeyEntry(r, v, at), true);
  const windows = entries.filter((entry) => entry.from !== undefined || entry.revokedAt !== undefined);
  return {
    id: r.string(f, 'id', path),
    name: r.string(f, 'name', path),
    kind: kind as NodeKind,
    organisation: r.string(f, 'organisation', path),
    ...(f.country === undefined ? {} : { country: r.string(f, 'country', path) }),
    publicKeys: entries.map((entry) => entry.key),
    ...(windows.length === 0 ? {} : { keyWindows: windows }),
    subscriptions: r.list(f, 'subscriptions', path, (v, at) => readSubscription(r, v, at), true),
    ...(protocol === undefined ? {} : { protocol: protocol as ProtocolVersion }),
  };
}

/** The typed registry and the shape problems found on the way (an empty list means well-formed). */
export function readRegistry(document: unknown): { registry: Registry; problems: string[] } {
  const r = new ShapeReader();
  const f = r.object(document, '(top level)', [
    'version',
    'regions',
    'sections',
    'crossingPoints',
    'organisations',
    'nodes',
  ]);
  if (!f) return { registry: emptyRegistry(), problems: r.problems };
  if (f.version !== 1) r.problems.push(`version: expected 1, found ${JSON.stringify(f.version)}`);
  const registry: Registry = {
    version: 1,
    regions: r.list(f, 'regions', '', (v, at) => readRegion(r, v, at)),
    sections: r.list(f, 'sections', '', (v, at) => readSection(r, v, at)),
    crossingPoints: r.list(f, 'crossingPoints', '', (v, at) => readCrossingPoint(r, v, at)),
    organisations: r.list(f, 'organisations', '', (v, at) => readOrganisation(r, v, at)),
    nodes: r.list(f, 'nodes', '', (v, at) => readNode(r, v, at)),
  };
  return { registry, problems: r.problems };
}

function emptyRegistry(): Registry {
  return { version: 1, regions: [], sections: [], crossingPoints: [], organisations: [], nodes: [] };
}
