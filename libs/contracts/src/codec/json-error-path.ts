import { fromJson, type DescField, type DescMessage, type JsonValue } from '@bufbuild/protobuf';

const STRICT = { ignoreUnknownFields: false } as const;

function refuses(schema: DescMessage, json: JsonValue): boolean {
  try {
    fromJson(schema, json, STRICT);
    return false;
  } catch {
    return true;
  }
}

function isObject(value: unknown): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function locateInField(
  parent: DescMessage,
  key: string,
  field: DescField,
  value: JsonValue,
  at: string,
): string {
  if (field.fieldKind === 'message') return locateJsonError(field.message, value, at) ?? at;
  if (field.fieldKind !== 'list' || !Array.isArray(value)) return at;
  const index = value.findIndex((item) =>
    field.listKind === 'message' ? refuses(field.message, item) : refuses(parent, { [key]: [item] }),
  );
  if (index < 0) return at;
  const itemAt = `${at}[${index}]`;
  return field.listKind === 'message'
    ? (locateJsonError(field.message, value[index], itemAt) ?? itemAt)
    : itemAt;
}

/**
 * The JSON path (e.g. `items[0].weapon.type`) of the first value that protobuf-es refuses when reading
 * `json` as `schema`, found by re-reading one field at a time; undefined when the document as a whole
 * is wrong. protobuf-es names the enum or message type for some errors, not the field; this names it.
 * Runs only after a failed read, so valid input never pays for it.
 */
export function locateJsonError(schema: DescMessage, json: unknown, path = ''): string | undefined {
  if (!isObject(json)) return undefined;
  for (const [key, value] of Object.entries(json)) {
    const at = path === '' ? key : `${path}.${key}`;
    const field = schema.fields.find((candidate) => candidate.jsonName === key || candidate.name === key);
    if (field === undefined) return at;
    if (refuses(schema, { [key]: value })) return locateInField(schema, key, field, value, at);
  }
  return undefined;
}
