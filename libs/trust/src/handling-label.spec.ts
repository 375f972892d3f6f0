import { create } from '@bufbuild/protobuf';
import { HandlingCode, HandlingSchema, Pap, Tlp } from '#contracts';
import { formatHandling, isHandlingLabel, isTlpAtLeastAsStrict } from './handling-label.js';

describe('formatHandling', () => {
  it('is empty without handling', () => {
    expect(formatHandling(undefined)).toBe('');
    expect(formatHandling(create(HandlingSchema))).toBe('');
  });

  it('writes TLP, handling code and PAP in that order', () => {
    const handling = create(HandlingSchema, {
      tlp: Tlp.AMBER_STRICT,
      code: HandlingCode.H3,
      restrictions: 'not for judicial use',
      pap: Pap.GREEN,
    });
    expect(formatHandling(handling)).toBe('TLP:AMBER+STRICT;H3;PAP:GREEN');
  });

  it('leaves out unspecified parts', () => {
    expect(formatHandling(create(HandlingSchema, { tlp: Tlp.RED }))).toBe('TLP:RED');
    expect(formatHandling(create(HandlingSchema, { code: HandlingCode.H0, pap: Pap.CLEAR }))).toBe(
      'H0;PAP:CLEAR',
    );
  });

  it('refuses an enum value outside the contract', () => {
    expect(() => formatHandling(create(HandlingSchema, { tlp: 42 as Tlp }))).toThrow(RangeError);
  });
});

describe('isHandlingLabel', () => {
  it.each([
    '',
    'TLP:CLEAR',
    'TLP:AMBER;H2;PAP:GREEN',
    'TLP:AMBER+STRICT;H3;PAP:GREEN',
    'H1',
    'PAP:RED',
    'TLP:RED;PAP:RED',
  ])('accepts %j', (label) => expect(isHandlingLabel(label)).toBe(true));

  it.each(['TLP:PURPLE', 'H2;TLP:RED', 'TLP:RED;', ';H1', 'TLP:RED;TLP:RED', 'tlp:red', 'H4', 'TLP:RED; H1'])(
    'refuses %j',
    (label) => expect(isHandlingLabel(label)).toBe(false),
  );
});

describe('isTlpAtLeastAsStrict', () => {
  it('orders TLP 2.0 from CLEAR to RED, a missing TLP counting as RED', () => {
    const order = [Tlp.CLEAR, Tlp.GREEN, Tlp.AMBER, Tlp.AMBER_STRICT, Tlp.RED];
    order.forEach((tlp, i) => {
      order.forEach((than, j) => expect(isTlpAtLeastAsStrict(tlp, than)).toBe(i >= j));
    });
    expect(isTlpAtLeastAsStrict(Tlp.UNSPECIFIED, Tlp.RED)).toBe(true);
    expect(isTlpAtLeastAsStrict(Tlp.AMBER_STRICT, Tlp.UNSPECIFIED)).toBe(false);
  });
});
