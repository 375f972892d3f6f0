import { TLP_COLOURS, tlpOf } from './tlp';

describe('tlpOf', () => {
  it('reads the enum of a message body and the signed handling header alike', () => {
    expect(tlpOf('TLP_AMBER_STRICT')).toBe('TLP_AMBER_STRICT');
    expect(tlpOf('TLP:AMBER+STRICT;H2')).toBe('TLP_AMBER_STRICT');
    expect(tlpOf('TLP:GREEN')).toBe('TLP_GREEN');
    expect(tlpOf('tlp:red;H0')).toBe('TLP_RED');
  });

  it('knows no label where there is none', () => {
    expect(tlpOf(undefined)).toBeUndefined();
    expect(tlpOf('TLP_UNSPECIFIED')).toBeUndefined();
    expect(tlpOf('H2')).toBeUndefined();
  });
});

describe('TLP_COLOURS', () => {
  it('are FIRST TLP 2.0’s', () => {
    expect(TLP_COLOURS.TLP_CLEAR.text).toBe('#FFFFFF');
    expect(TLP_COLOURS.TLP_GREEN.text).toBe('#33FF00');
    expect(TLP_COLOURS.TLP_AMBER.text).toBe('#FFC000');
    expect(TLP_COLOURS.TLP_AMBER_STRICT).toEqual({ text: '#FFC000', label: 'TLP:AMBER+STRICT' });
    expect(TLP_COLOURS.TLP_RED.text).toBe('#FF2B2B');
  });
});
