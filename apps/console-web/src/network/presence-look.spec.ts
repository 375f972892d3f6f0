import { markerSvg, PRESENCE_LOOK, PRESENCE_STATUSES, presenceStatus } from './presence-look.js';

describe('presence look', () => {
  it('gives each status its own colour and its own shape', () => {
    const looks = PRESENCE_STATUSES.map((status) => PRESENCE_LOOK[status]);
    expect(new Set(looks.map((look) => look.colour)).size).toBe(4);
    expect(new Set(looks.map((look) => look.shape)).size).toBe(4);
    expect(PRESENCE_LOOK.silent.colour).toBe('#b3261e');
  });

  it('reads a status it does not know as never heard from', () => {
    expect(presenceStatus('silent')).toBe('silent');
    expect(presenceStatus('asleep')).toBe('never');
    expect(presenceStatus('toString')).toBe('never');
    expect(presenceStatus(undefined)).toBe('never');
  });

  it('draws a decorative marker in the status colour', () => {
    const svg = markerSvg('late', 20);
    expect(svg).toContain('aria-hidden="true"');
    expect(svg).toContain('width="20"');
    expect(svg).toContain(PRESENCE_LOOK.late.colour);
  });
});
