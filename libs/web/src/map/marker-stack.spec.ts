import { markerStackOffsets } from './marker-stack';

describe('markerStackOffsets', () => {
  it('leaves a marker alone at its point where it is', () => {
    const offsets = markerStackOffsets(
      [
        { id: 'kz-border', lat: 43.1, lon: 71.2 },
        { id: 'tj-border', lat: 37.5, lon: 69.9 },
      ],
      22,
    );
    expect([...offsets]).toEqual([
      ['kz-border', 0],
      ['tj-border', 0],
    ]);
  });

  it('stacks markers at the same point in a column centred on it, in id order whatever the input order', () => {
    const point = { lat: 43.1, lon: 71.2 };
    const offsets = markerStackOffsets(
      [
        { id: 'kz-customs', ...point },
        { id: 'tj-border', lat: 37.5, lon: 69.9 },
        { id: 'kz-border', ...point },
      ],
      22,
    );
    expect(Object.fromEntries(offsets)).toEqual({ 'kz-border': -11, 'kz-customs': 11, 'tj-border': 0 });
  });

  it('spaces three at one point a step apart around it', () => {
    const point = { lat: 40, lon: 70 };
    const offsets = markerStackOffsets(
      ['c', 'a', 'b'].map((id) => ({ id, ...point })),
      20,
    );
    expect(['a', 'b', 'c'].map((id) => offsets.get(id))).toEqual([-20, 0, 20]);
  });
});
