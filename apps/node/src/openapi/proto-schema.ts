import { ScalarType, type DescEnum, type DescField, type DescMessage } from '@bufbuild/protobuf';
import type { SchemaObject } from '@nestjs/swagger';

// Well-known types whose protobuf JSON mapping is a string, not an object.
const WELL_KNOWN: Record<string, SchemaObject> = {
  'google.protobuf.Timestamp': { type: 'string', format: 'date-time' },
  'google.protobuf.Duration': { type: 'string', example: '3600s' },
};

function scalarSchema(scalar: ScalarType): SchemaObject {
  switch (scalar) {
    case ScalarType.STRING:
      return { type: 'string' };
    case ScalarType.BOOL:
      return { type: 'boolean' };
    case ScalarType.BYTES:
      return { type: 'string', format: 'byte' };
    case ScalarType.DOUBLE:
    case ScalarType.FLOAT:
      return { type: 'number' };
    case ScalarType.INT32:
    case ScalarType.SINT32:
    case ScalarType.SFIXED32:
    case ScalarType.UINT32:
    case ScalarType.FIXED32:
      return { type: 'integer' };
    default:
      // 64-bit integers travel as decimal strings in the JSON mapping.
      return { type: 'string', format: 'int64' };
  }
}

function enumSchema(desc: DescEnum): SchemaObject {
  return { type: 'string', enum: desc.values.map((value) => value.name) };
}

function fieldSchema(field: DescField, seen: ReadonlySet<string>): SchemaObject {
  switch (field.fieldKind) {
    case 'scalar':
      return scalarSchema(field.scalar);
    case 'enum':
      return enumSchema(field.enum);
    case 'message':
      return protoJsonSchema(field.message, seen);
    case 'list': {
      const items =
        field.listKind === 'scalar'
          ? scalarSchema(field.scalar)
          : field.listKind === 'enum'
            ? enumSchema(field.enum)
            : protoJsonSchema(field.message, seen);
      return { type: 'array', items };
    }
    case 'map':
      return { type: 'object', additionalProperties: true };
  }
}

/**
 * The OpenAPI schema of a message's protobuf JSON mapping (camelCase field names, enum value
 * names, RFC 3339 timestamps), derived from its descriptor so the API documentation cannot
 * drift from `proto/`. Recursive references are cut to a plain object.
 */
export function protoJsonSchema(desc: DescMessage, seen: ReadonlySet<string> = new Set()): SchemaObject {
  const wellKnown = WELL_KNOWN[desc.typeName];
  if (wellKnown !== undefined) return wellKnown;
  if (seen.has(desc.typeName)) return { type: 'object', description: desc.typeName };
  const inner = new Set(seen).add(desc.typeName);
  const properties = Object.fromEntries(
    desc.fields.map((field) => [field.jsonName, fieldSchema(field, inner)]),
  );
  return { type: 'object', title: desc.name, properties };
}
