import { equals } from '@bufbuild/protobuf';
import { MESSAGE_SCHEMAS, type MessageKind } from '../message-kinds.js';
import { LIMITS } from '../validation/limits.js';
import { validAlert, validReceipt, VALID_MESSAGES } from '../../test/message.fixtures.js';
import { DecodeError, EncodeError, OversizedBodyError } from './codec.errors.js';
import { decodeMessage, encodeMessage, messageFromJson, messageToJson } from './message-codec.js';

const VALID = VALID_MESSAGES;
const KINDS = Object.keys(VALID) as MessageKind[];

function caught(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('binary codec', () => {
  it.each(KINDS)('round-trips a %s through its protobuf body', (kind) => {
    const message = VALID[kind]();
    const decoded = decodeMessage(kind, encodeMessage(kind, message));
    expect(equals(MESSAGE_SCHEMAS[kind], decoded, message)).toBe(true);
  });

  it('refuses bytes that are not a protobuf body, keeping the cause', () => {
    const error = caught(() => decodeMessage('alert', new Uint8Array([0x0a, 0xff, 0xff, 0xff])));
    expect(error).toBeInstanceOf(DecodeError);
    expect((error as DecodeError).name).toBe('DecodeError');
    expect((error as DecodeError).message).toMatch(/^cannot decode alert: /);
    expect((error as DecodeError).cause).toBeInstanceOf(Error);
  });

  it('refuses a string field that is not valid UTF-8', () => {
    // field 1 (id), length 2, an overlong encoding of '/'
    expect(() => decodeMessage('alert', new Uint8Array([0x0a, 0x02, 0xc0, 0xaf]))).toThrow(DecodeError);
  });

  it('refuses a body over the limit before reading it', () => {
    const error = caught(() => decodeMessage('alert', new Uint8Array(LIMITS.maxBodyBytes + 1)));
    expect(error).toBeInstanceOf(OversizedBodyError);
    expect(error).toBeInstanceOf(DecodeError);
    expect(error).toMatchObject({
      name: 'OversizedBodyError',
      size: LIMITS.maxBodyBytes + 1,
      limit: LIMITS.maxBodyBytes,
    });
  });

  it('keeps unknown fields from a newer sender', () => {
    const body = encodeMessage('receipt', validReceipt());
    // field 99, varint 1: unknown to this schema
    const newer = new Uint8Array([...body, 0x98, 0x06, 0x01]);
    expect(encodeMessage('receipt', decodeMessage('receipt', newer))).toEqual(newer);
  });

  it('refuses an unknown kind as a decode error', () => {
    expect(() => decodeMessage('telegram' as MessageKind, new Uint8Array())).toThrow(DecodeError);
  });

  it('refuses to encode a body over the limit', () => {
    const alert = validAlert();
    alert.texts[0]!.description = 'ж'.repeat(LIMITS.maxBodyBytes / 2 + 1);
    const error = caught(() => encodeMessage('alert', alert));
    expect(error).toBeInstanceOf(EncodeError);
    expect((error as EncodeError).name).toBe('EncodeError');
  });
});

describe('JSON codec', () => {
  it.each(KINDS)('round-trips a %s through the protobuf JSON mapping', (kind) => {
    const message = VALID[kind]();
    const decoded = messageFromJson(kind, JSON.parse(JSON.stringify(messageToJson(kind, message))));
    expect(equals(MESSAGE_SCHEMAS[kind], decoded, message)).toBe(true);
  });

  it('writes enum names and lowerCamelCase names, and leaves out defaults', () => {
    const json = messageToJson('alert', validAlert()) as Record<string, unknown>;
    expect(json).toMatchObject({
      type: 'ALERT_TYPE_ALERT',
      category: 'CATEGORY_SMALL_ARMS_LIGHT_WEAPONS',
      sent: '2025-03-14T08:29:00Z',
      handling: { tlp: 'TLP_GREEN', code: 'HANDLING_CODE_H0', pap: 'PAP_GREEN' },
      area: { borderSections: ['tj-af-panj'] },
    });
    expect(json).not.toHaveProperty('incident');
    expect(json).not.toHaveProperty('references');
    expect(json).not.toHaveProperty('addressees');
  });

  it('reads enum numbers and proto field names too', () => {
    const receipt = messageFromJson('receipt', { kind: 2, message: 'm-1', origin: 'tj-border' });
    expect(receipt.kind).toBe(2);
    const alert = messageFromJson('alert', { area: { border_sections: ['tj-af-panj'] } });
    expect(alert.area?.borderSections).toEqual(['tj-af-panj']);
  });

  it('refuses an unknown field, naming it', () => {
    const error = caught(() => messageFromJson('alert', { headline: 'Seizure' }));
    expect(error).toBeInstanceOf(DecodeError);
    expect(error).toMatchObject({
      field: 'headline',
      message: 'headline: cannot decode message borderlink.v1.Alert from JSON: key "headline" is unknown',
    });
  });

  it('refuses an unknown enum name, naming the field and keeping the cause', () => {
    const error = caught(() => messageFromJson('alert', { category: 'CATEGORY_PIRACY' }));
    expect(error).toBeInstanceOf(DecodeError);
    expect(error).toMatchObject({
      field: 'category',
      message: 'category: cannot decode enum borderlink.v1.Category from JSON: "CATEGORY_PIRACY"',
    });
    expect((error as Error).cause).toBeInstanceOf(Error);
  });

  it.each([
    ['a wrong type', { regions: 'afghan-border' }, 'regions', 'borderlink.v1.Alert.regions'],
    ['a bad timestamp', { sent: '14 March 2025' }, 'sent', 'google.protobuf.Timestamp'],
    ['a nested unknown field', { area: { radius: 3 } }, 'area.radius', 'key "radius" is unknown'],
    [
      'a bad enum deep in a list',
      { items: [{ ammunition: { quantity: 5 } }, { weapon: { type: 'WEAPON_TYPE_BOW' } }] },
      'items[1].weapon.type',
      'borderlink.v1.WeaponType',
    ],
    ['a null in a list of strings', { regions: ['caspian', null] }, 'regions[1]', 'must not be null'],
    ['a negative count', { persons: [{ count: -1 }] }, 'persons[0].count', 'borderlink.v1.PersonCount.count'],
  ])('refuses %s, naming its path', (_what, json, field, mention) => {
    const error = caught(() => messageFromJson('alert', json));
    expect(error).toBeInstanceOf(DecodeError);
    expect((error as DecodeError).field).toBe(field);
    expect((error as DecodeError).message).toContain(mention);
  });

  it('refuses two spellings of one field, naming the object that holds them', () => {
    const json = { area: { borderSections: ['tj-af-panj'], border_sections: ['tj-af-panj'] } };
    const error = caught(() => messageFromJson('alert', json));
    expect(error).toBeInstanceOf(DecodeError);
    expect(error).toMatchObject({ field: 'area', message: expect.stringContaining('set multiple times') });
  });

  it.each([null, 'alert', 42, [], undefined])('refuses the non-object %p as a whole', (json) => {
    const error = caught(() => messageFromJson('alert', json));
    expect(error).toBeInstanceOf(DecodeError);
    expect((error as DecodeError).field).toBeUndefined();
  });

  it('refuses to write a timestamp JSON cannot carry', () => {
    const alert = validAlert();
    alert.expires = { ...alert.expires!, seconds: 300_000_000_000n };
    expect(() => messageToJson('alert', alert)).toThrow(EncodeError);
  });
});
