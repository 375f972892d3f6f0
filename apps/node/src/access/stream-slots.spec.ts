import { TooManyRequestsError } from './access.errors.js';
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
