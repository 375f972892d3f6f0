import {
  create,
  ScalarType,
  type DescEnum,
  type DescField,
  type DescMessage,
  type Message,
} from '@bufbuild/protobuf';
import fc from 'fast-check';
import { MESSAGE_SCHEMAS, type MessageKind, type MessageOf } from '../message-kinds.js';
import { LANGUAGES, LIMITS } from '../validation/limits.js';
import { FIXTURE_IDS, FIXTURE_NOW, fixtureContext, VALID_MESSAGES } from '../../test/message.fixtures.js';
import { validateMessage } from '../validation/validate-message.js';
import type { Violation } from '../validation/violation.js';
import { DecodeError } from './codec.errors.js';
import { decodeMessage, encodeMessage, messageFromJson } from './message-codec.js';

// 6 kinds x (1,000 random bodies + 500 mutated bodies + 1,000 generated messages + 300 JSON documents)
// = 16,800 generated inputs.
const RUNS = { randomBodies: 6_000, mutatedBodies: 3_000, generatedMessages: 6_000, jsonDocuments: 1_800 };

const KINDS = Object.keys(MESSAGE_SCHEMAS) as MessageKind[];
const VALID = VALID_MESSAGES;
const ctx = fixtureContext();

function isViolation(value: unknown): value is Violation {
  if (typeof value !== 'object' || value === null) return false;
  const { field, reason, ...rest } = value as Record<string, unknown>;
  return (
    typeof field === 'string' && typeof reason === 'string' && reason !== '' && Object.keys(rest).length === 0
  );
}

/** Fails the property unless `violations` is a bounded list of violations (plain checks: they run per input). */
function expectTypedViolations(violations: unknown): void {
  if (
    !Array.isArray(violations) ||
    violations.length > LIMITS.maxViolations ||
    !violations.every(isViolation)
  ) {
    throw new Error(`not a list of violations: ${JSON.stringify(violations)}`);
  }
}

/** Decoding may refuse (only with a DecodeError); whatever it returns validates without throwing. */
function decodeAndValidate(kind: MessageKind, bytes: Uint8Array): void {
  let message: MessageOf<MessageKind>;
  try {
    message = decodeMessage(kind, bytes);
  } catch (error) {
    if (error instanceof DecodeError) return;
    throw error;
  }
  expectTypedViolations(validateMessage(kind, message, ctx));
}

// Strings lean towards values the rules care about, so generated messages get past the first checks.
const knownTokens = [
  ...FIXTURE_IDS.regions,
  ...FIXTURE_IDS.sections,
  ...FIXTURE_IDS.crossingPoints,
  ...FIXTURE_IDS.nodes,
];
const stringArb = fc.oneof(
  fc.constantFrom(
    '',
    ...knownTokens,
    ...LANGUAGES,
    '0195940a-7b1c-7cc3-9f4e-3d1f6a2b8c01',
    'Вооружённые лица',
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ maxLength: 400 }),
  fc.constantFrom('a\u202Eb', 'x\u0000y', '\uD800', 'line\nline\r', ' '),
);
const doubleArb = fc.oneof(
  fc.double(),
  fc.double({ min: -200, max: 200, noNaN: true }),
  fc.constantFrom(0, -0, Number.NaN, Number.POSITIVE_INFINITY, -90, 90, 180, 1_000, 1_000.0001),
);
const nowSeconds = Math.floor(FIXTURE_NOW.getTime() / 1000);
const secondsArb = fc.oneof(
  fc.integer({ min: nowSeconds - 10 * 86_400, max: nowSeconds + 10 * 86_400 }).map(BigInt),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
);

function scalarArb(type: ScalarType): fc.Arbitrary<unknown> {
  switch (type) {
    case ScalarType.STRING:
      return stringArb;
    case ScalarType.DOUBLE:
    case ScalarType.FLOAT:
      return doubleArb;
    case ScalarType.UINT32:
    case ScalarType.FIXED32:
      return fc.oneof(fc.integer({ min: 0, max: 10 }), fc.nat({ max: 0xffff_ffff }));
    case ScalarType.INT32:
    case ScalarType.SINT32:
    case ScalarType.SFIXED32:
      return fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
    case ScalarType.INT64:
    case ScalarType.SINT64:
    case ScalarType.SFIXED64:
      return secondsArb;
    case ScalarType.UINT64:
    case ScalarType.FIXED64:
      return fc.bigInt({ min: 0n, max: 2n ** 64n - 1n });
    case ScalarType.BOOL:
      return fc.boolean();
    case ScalarType.BYTES:
      return fc.uint8Array({ maxLength: 16 });
  }
}

function enumArb(schema: DescEnum): fc.Arbitrary<number> {
  const numbers = schema.values.map((value) => value.number);
  return fc.oneof(fc.constantFrom(...numbers), fc.integer({ min: -2, max: Math.max(...numbers) + 3 }));
}

const messageArbs = new Map<DescMessage, fc.Arbitrary<Message>>();

function fieldArb(field: DescField): fc.Arbitrary<unknown> {
  switch (field.fieldKind) {
    case 'scalar':
      return scalarArb(field.scalar);
    case 'enum':
      return enumArb(field.enum);
    case 'message':
      return messageArb(field.message);
    case 'list': {
      const item =
        field.listKind === 'scalar'
          ? scalarArb(field.scalar)
          : field.listKind === 'enum'
            ? enumArb(field.enum)
            : messageArb(field.message);
      return fc.array(item, { maxLength: 6 });
    }
    case 'map':
      throw new Error(`map fields are not generated: ${field.name}`);
  }
}

/** Any message of `schema`: every field, oneof case and enum number (known or not), by reflection. */
function messageArb(schema: DescMessage): fc.Arbitrary<Message> {
  const cached = messageArbs.get(schema);
  if (cached) return cached;
  const members: Record<string, fc.Arbitrary<unknown>> = {};
  for (const member of schema.members) {
    members[member.localName] =
      member.kind === 'oneof'
        ? fc.oneof(
            fc.constant({ case: undefined }),
            ...member.fields.map((field) =>
              fieldArb(field).map((value) => ({ case: field.localName, value })),
            ),
          )
        : fieldArb(member);
  }
  const arb = fc.record(members, { requiredKeys: [] }).map((init) => create(schema, init) as Message);
  messageArbs.set(schema, arb);
  return arb;
}

describe('codec and validation never fail on hostile input', () => {
  it('decodeMessage refuses arbitrary bytes only with a DecodeError, and validation accepts whatever decodes', () => {
    fc.assert(fc.property(fc.constantFrom(...KINDS), fc.uint8Array({ maxLength: 512 }), decodeAndValidate), {
      numRuns: RUNS.randomBodies,
    });
  });

  it('decodeMessage survives truncated and bit-flipped valid bodies', () => {
    const bodies = KINDS.map((kind) => [kind, encodeMessage(kind, VALID[kind]())] as const);
    const mutation = fc.record({
      body: fc.constantFrom(...bodies),
      cut: fc.nat(),
      flips: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { maxLength: 4 }),
    });
    fc.assert(
      fc.property(mutation, ({ body: [kind, bytes], cut, flips }) => {
        const mutated = bytes.slice(0, bytes.length - (cut % (bytes.length + 1)));
        for (const [at, mask] of flips) if (mutated.length > 0) mutated[at % mutated.length]! ^= mask;
        decodeAndValidate(kind, mutated);
      }),
      { numRuns: RUNS.mutatedBodies },
    );
  });

  it('validateMessage returns typed violations for arbitrary generated messages', () => {
    const generated = fc.oneof(
      ...KINDS.map((kind) => messageArb(MESSAGE_SCHEMAS[kind]).map((message) => ({ kind, message }))),
    );
    fc.assert(
      fc.property(generated, ({ kind, message }) => {
        expectTypedViolations(validateMessage(kind, message as MessageOf<typeof kind>, ctx));
      }),
      { numRuns: RUNS.generatedMessages },
    );
  });

  it('messageFromJson refuses arbitrary JSON only with a DecodeError', () => {
    const documents = fc.oneof(
      fc.jsonValue(),
      fc.dictionary(
        fc.constantFrom('id', 'sender', 'texts', 'area', 'kind', 'items', 'regions'),
        fc.jsonValue(),
      ),
    );
    fc.assert(
      fc.property(fc.constantFrom(...KINDS), documents, (kind, json) => {
        try {
          expectTypedViolations(validateMessage(kind, messageFromJson(kind, json), ctx));
        } catch (error) {
          if (!(error instanceof DecodeError)) throw error;
        }
      }),
      { numRuns: RUNS.jsonDocuments },
    );
  });
});
