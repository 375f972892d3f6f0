import fc from 'fast-check';
import { isPartial, matchSerials, normaliseSerial } from './serial-number.js';

describe('normaliseSerial', () => {
  it.each([
    ['ЛО 2645', 'LO2645'],
    ['LO-2645', 'LO2645'],
    ['lo.2645', 'LO2645'],
    ['ЕК 001234', 'EK1234'],
    ['EK/1234', 'EK1234'],
    ['№ 0012-АВ', 'NO12AB'],
    ['12?4*5', '12?4?5'],
    ['  - ', ''],
  ])('reads %s as %s', (written, normalised) => {
    expect(normaliseSerial(written)).toBe(normalised);
  });

  it('is idempotent and ignores spacing and dashes anywhere', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'АВЕКЛО0123456789ABEKLO?-. ') }), (written) => {
        const once = normaliseSerial(written);
        expect(normaliseSerial(once)).toBe(once);
        expect(normaliseSerial(written.replace(/[-. ]/g, ''))).toBe(once);
      }),
    );
  });
});

describe('matchSerials', () => {
  it('matches a serial written in Cyrillic and in Latin exactly', () => {
    expect(matchSerials(normaliseSerial('ЛО 2645'), normaliseSerial('LO-2645'))).toBe('exact');
  });

  it('matches a partly ground-off serial partially where every readable character agrees', () => {
    expect(matchSerials(normaliseSerial('LO-26?5'), normaliseSerial('ЛО 2645'))).toBe('partial');
    expect(matchSerials(normaliseSerial('LO-27?5'), normaliseSerial('LO2645'))).toBeUndefined();
    expect(matchSerials(normaliseSerial('??-2645'), normaliseSerial('LO2645'))).toBe('partial');
  });

  it('needs four readable characters in common and the same length', () => {
    expect(matchSerials('L???', 'LO26')).toBeUndefined();
    expect(matchSerials('LO26?', 'LO26')).toBeUndefined();
    expect(isPartial('LO26?')).toBe(true);
  });

  it('never matches different complete serials, and is symmetric', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z1-9?]{4,8}$/), fc.stringMatching(/^[A-Z1-9?]{4,8}$/), (a, b) => {
        expect(matchSerials(a, b)).toBe(matchSerials(b, a));
        if (!isPartial(a) && !isPartial(b) && a !== b) expect(matchSerials(a, b)).toBeUndefined();
      }),
    );
  });
});
