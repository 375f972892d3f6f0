import { instanceStatus, nodeStatus } from './presence.js';

describe('presence', () => {
  it('calls a process live within its interval, late once a beat is overdue, silent after three intervals', () => {
    expect(instanceStatus(0, 5_000)).toBe('live');
    expect(instanceStatus(7_500, 5_000)).toBe('live');
    expect(instanceStatus(7_501, 5_000)).toBe('late');
    expect(instanceStatus(15_000, 5_000)).toBe('late');
    expect(instanceStatus(15_001, 5_000)).toBe('silent');
  });

  it('takes a configured silence instead of three intervals', () => {
    expect(instanceStatus(9_000, 5_000, 8_000)).toBe('silent');
    expect(instanceStatus(20_000, 5_000, 60_000)).toBe('late');
  });

  it("gives a node its best process's status, and never for a node never heard", () => {
    expect(nodeStatus(['silent', 'live'])).toBe('live');
    expect(nodeStatus(['silent', 'late'])).toBe('late');
    expect(nodeStatus(['silent'])).toBe('silent');
    expect(nodeStatus([])).toBe('never');
  });
});
