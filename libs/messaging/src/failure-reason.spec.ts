import { failureReason } from './failure-reason.js';
import { PermanentFailure } from './permanent-failure.js';

describe('failureReason', () => {
  it('names the error and its message', () => {
    expect(failureReason(new PermanentFailure('bad signature'))).toBe('PermanentFailure: bad signature');
    expect(failureReason(new TypeError('oops'))).toBe('TypeError: oops');
  });

  it("reads the message of what Nest's exception filter makes of an unknown error", () => {
    expect(failureReason({ status: 'error', message: 'Internal server error' })).toBe(
      'Internal server error',
    );
  });

  it('prints anything else', () => {
    expect(failureReason('plain')).toBe('plain');
    expect(failureReason(undefined)).toBe('undefined');
  });
});
