import {
  fromBinary,
  fromJson,
  toBinary,
  toJson,
  type DescMessage,
  type JsonValue,
  type MessageShape,
  type JsonWriteOptions,
} from '@bufbuild/protobuf';
import { MESSAGE_SCHEMAS, isMessageKind, type MessageKind, type MessageOf } from '../message-kinds.js';
import { LIMITS } from '../validation/limits.js';
import { DecodeError, EncodeError, OversizedBodyError } from './codec.errors.js';
import { locateJsonError } from './json-error-path.js';

/**
 * JSON output: enum names ("CATEGORY_EXPLOSIVES"), lowerCamelCase field names (the REST bodies' names),
 * and fields left at their default (empty strings and lists, zero numbers, UNSPECIFIED enums) omitted.
 */
const JSON_WRITE: JsonWriteOptions = {
  alwaysEmitImplicit: false,
  enumAsInteger: false,
  useProtoFieldName: false,
};

// JSON input is strict: a misspelt field name must be refused, not silently dropped.
const JSON_READ = { ignoreUnknownFields: false } as const;

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// `kind` is typed, but at runtime it often comes from a header; an unknown one fails like bad input.
function schemaOf<K extends MessageKind>(
  kind: K,
  Failure: typeof DecodeError | typeof EncodeError,
): (typeof MESSAGE_SCHEMAS)[K] {
  if (!isMessageKind(kind)) throw new Failure(`unknown message kind ${JSON.stringify(kind)}`);
  return MESSAGE_SCHEMAS[kind];
}

/**
 * Reads a protobuf body of `kind`. Unknown fields from newer senders are kept, so re-encoding is lossless.
 * Throws OversizedBodyError (a DecodeError) for a body over LIMITS.maxBodyBytes without reading it, and
 * DecodeError, with the protobuf error as `cause`, for anything undecodable (including invalid UTF-8).
 */
export function decodeMessage<K extends MessageKind>(kind: K, bytes: Uint8Array): MessageOf<K> {
  return decodeBody(schemaOf(kind, DecodeError), kind, bytes) as MessageOf<K>;
}

/** decodeMessage for any schema of the wire, `label` naming it in errors (heartbeats are not kinds). */
export function decodeBody<Desc extends DescMessage>(
  schema: Desc,
  label: string,
  bytes: Uint8Array,
): MessageShape<Desc> {
  if (bytes.byteLength > LIMITS.maxBodyBytes)
    throw new OversizedBodyError(bytes.byteLength, LIMITS.maxBodyBytes);
  try {
    return fromBinary(schema, bytes);
  } catch (error) {
    throw new DecodeError(`cannot decode ${label}: ${errorText(error)}`, { cause: error });
  }
}

/**
 * Writes a message of `kind` as its protobuf body. Throws EncodeError when the body would exceed
 * LIMITS.maxBodyBytes (the hub would refuse it) or a value cannot be encoded.
 */
export function encodeMessage<K extends MessageKind>(kind: K, message: MessageOf<K>): Uint8Array {
  return encodeBody(schemaOf(kind, EncodeError) as DescMessage, kind, message as never);
}

/** encodeMessage for any schema of the wire, `label` naming it in errors (heartbeats are not kinds). */
export function encodeBody<Desc extends DescMessage>(
  schema: Desc,
  label: string,
  message: MessageShape<Desc>,
): Uint8Array {
  let bytes: Uint8Array;
  try {
    bytes = toBinary(schema, message);
  } catch (error) {
    throw new EncodeError(`cannot encode ${label}: ${errorText(error)}`, { cause: error });
  }
  if (bytes.byteLength > LIMITS.maxBodyBytes) {
    throw new EncodeError(
      `${label} body of ${bytes.byteLength} bytes exceeds the limit of ${LIMITS.maxBodyBytes} bytes`,
    );
  }
  return bytes;
}

function jsonErrorPath(schema: DescMessage, json: unknown): string | undefined {
  try {
    return locateJsonError(schema, json);
  } catch {
    // A document that even the locator cannot walk (e.g. a throwing getter) is refused as a whole.
    return undefined;
  }
}

/**
 * Reads the protobuf JSON mapping of a message of `kind` (enum names or numbers, lowerCamelCase or
 * proto field names, RFC 3339 timestamps). Unknown fields are refused. Throws DecodeError with `field`
 * set to the offending value's JSON path and a message of that path and protobuf-es's own words, e.g.
 * `items[0].weapon.type: cannot decode enum borderlink.v1.WeaponType from JSON: "WEAPON_TYPE_BOW"`.
 */
export function messageFromJson<K extends MessageKind>(kind: K, json: unknown): MessageOf<K> {
  const schema = schemaOf(kind, DecodeError);
  try {
    return fromJson(schema, json as JsonValue, JSON_READ) as MessageOf<K>;
  } catch (error) {
    const field = jsonErrorPath(schema, json);
    const message = field === undefined ? errorText(error) : `${field}: ${errorText(error)}`;
    throw new DecodeError(message, { cause: error, field });
  }
}

/**
 * Writes a message of `kind` in the protobuf JSON mapping: enum names, lowerCamelCase field names, no
 * default values. Throws EncodeError for a value JSON cannot carry (e.g. a timestamp outside years
 * 0001–9999, which validateMessage reports first).
 */
export function messageToJson<K extends MessageKind>(kind: K, message: MessageOf<K>): JsonValue {
  const schema = schemaOf(kind, EncodeError);
  try {
    return toJson(schema, message, JSON_WRITE);
  } catch (error) {
    throw new EncodeError(`cannot encode ${kind} as JSON: ${errorText(error)}`, { cause: error });
  }
}
