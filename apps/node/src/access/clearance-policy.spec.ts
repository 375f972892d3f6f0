import { admits, clearanceFor, needsFourEyes } from './clearance-policy.js';

describe('clearance policy', () => {
  it.each([
    ['TLP:CLEAR', 'amber'],
    ['TLP:GREEN;H0', 'amber'],
    ['TLP:AMBER;H2;PAP:GREEN', 'amber'],
    ['TLP:AMBER+STRICT;H3', 'amber-strict'],
    ['TLP:RED;H2', 'red'],
    ['H2', 'red'],
    ['', 'red'],
    [undefined, 'red'],
  ])('a message labelled %p needs clearance %p', (label, clearance) => {
    expect(clearanceFor(label)).toBe(clearance);
  });

  it('admits what a clearance covers, and asks four eyes for what the default clearance does not', () => {
    expect(admits('amber', 'TLP:AMBER')).toBe(true);
    expect(admits('amber', 'TLP:AMBER+STRICT')).toBe(false);
    expect(admits('amber-strict', 'TLP:AMBER+STRICT')).toBe(true);
    expect(admits('amber-strict', 'TLP:RED')).toBe(false);
    expect(admits('red', 'TLP:RED')).toBe(true);
    expect(needsFourEyes('TLP:GREEN')).toBe(false);
    expect(needsFourEyes('TLP:AMBER+STRICT;H2')).toBe(true);
    expect(needsFourEyes(undefined)).toBe(true);
  });
});
