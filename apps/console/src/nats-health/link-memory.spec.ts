import { LinkMemory } from './link-memory.js';

describe('LinkMemory', () => {
  it('keeps a vanished link as cut since the look that first missed it, until it comes back', () => {
    const memory = new LinkMemory<{ name: string }>((link) => link.name);
    const at = (s: number) => new Date(Date.UTC(2026, 11, 4, 10, 0, s));
    memory.look([{ name: 'kz' }, { name: 'tj' }], at(0));
    expect(memory.look([{ name: 'kz' }], at(10))).toEqual([
      { link: { name: 'kz' }, connected: true, cutSince: null },
      { link: { name: 'tj' }, connected: false, cutSince: at(10) },
    ]);
    expect(memory.look([{ name: 'kz' }], at(20))[1]).toMatchObject({ connected: false, cutSince: at(10) });
    expect(memory.look([{ name: 'kz' }, { name: 'tj' }], at(30))[1]).toMatchObject({
      connected: true,
      cutSince: null,
    });
  });
});
