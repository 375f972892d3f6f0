import { UsageError } from '../cli.errors.js';
import { parseDeadLetterSequence } from './dlq-args.js';

describe('parseDeadLetterSequence', () => {
  it('reads a positive integer', () => {
    expect(parseDeadLetterSequence('42')).toBe(42);
  });

  it.each(['0', '-1', '1.5', 'abc', '', '12abc', '99999999999999999999'])('refuses "%s"', (text) => {
    expect(() => parseDeadLetterSequence(text)).toThrow(UsageError);
  });
});
