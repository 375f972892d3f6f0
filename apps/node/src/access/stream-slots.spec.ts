import { TooManyRequestsError } from './access.errors.js';
import { FailedSignIns } from './failed-sign-ins.js';
import { StreamSlots } from './stream-slots.js';

describe('StreamSlots', () => {
  it('caps live streams per identity and in total, and gives a slot back once', () => {
    const slots = new StreamSlots(2, 3);
    const first = slots.acquire('person:a');
    slots.acquire('person:a');
    expect(() => slots.acquire('person:a')).toThrow(TooManyRequestsError);
    slots.acquire('person:b');
    expect(() => slots.acquire('person:c')).toThrow(/no more live streams/);
    first();
    first();
    expect(() => slots.acquire('person:c')).not.toThrow();
    expect(() => slots.acquire('person:a')).toThrow(TooManyRequestsError);
  });
});

describe('FailedSignIns', () => {
  it('blocks an address after 30 failures in a minute, until its window ends', () => {
    let now = 0;
    const failures = new FailedSignIns(() => now);
    for (let i = 0; i < 29; i++) failures.record('10.0.0.1');
    expect(failures.blocked('10.0.0.1')).toBe(false);
    failures.record('10.0.0.1');
    expect(failures.blocked('10.0.0.1')).toBe(true);
    expect(failures.blocked('10.0.0.2')).toBe(false);
    now = 60_000;
    expect(failures.blocked('10.0.0.1')).toBe(false);
  });
});
