import { create } from '@bufbuild/protobuf';
import { FieldViolationSchema, RejectionReason } from '../gen/borderlink/v1/rejection_pb.js';
import { LIMITS } from './limits.js';
import { fixtureContext, validRejection } from '../../test/message.fixtures.js';
import { validateMessage } from './validate-message.js';

const violationsOf = (rejection: ReturnType<typeof validRejection>) =>
  validateMessage('rejection', rejection, fixtureContext());

describe('rejection', () => {
  it('accepts a rejection of a message whose id could not be read', () => {
    const rejection = validRejection();
    rejection.message = '';
    rejection.reason = RejectionReason.MALFORMED;
    rejection.violations = [];
    expect(violationsOf(rejection)).toEqual([]);
  });

  it('requires a reason and refuses a malformed quoted id', () => {
    const rejection = validRejection();
    rejection.reason = RejectionReason.UNSPECIFIED;
    rejection.message = 'id with spaces';
    expect(violationsOf(rejection)).toEqual([
      { field: 'message', reason: "must be 1 to 128 characters of A-Z, a-z, 0-9, '_' or '-'" },
      { field: 'reason', reason: 'is required' },
    ]);
  });

  it('requires the sender to be a registry node (the hub)', () => {
    const rejection = validRejection();
    rejection.sender = 'rogue-hub';
    expect(violationsOf(rejection)).toEqual([{ field: 'sender', reason: "unknown node 'rogue-hub'" }]);
  });

  it('bounds its violations and requires each to name a field and a reason', () => {
    const rejection = validRejection();
    rejection.violations = [create(FieldViolationSchema, { field: 'texts', reason: '' })];
    expect(violationsOf(rejection)).toEqual([{ field: 'violations[0].reason', reason: 'is required' }]);
    rejection.violations = Array.from({ length: LIMITS.maxViolations + 1 }, () =>
      create(FieldViolationSchema, { field: 'id', reason: 'is required' }),
    );
    expect(violationsOf(rejection)).toEqual([
      { field: 'violations', reason: `must have at most ${LIMITS.maxViolations} entries` },
    ]);
  });

  it('refuses control characters in the quoted subject', () => {
    const rejection = validRejection();
    rejection.subject = 'bl.in.tj-border.alert\r\nInjected: header';
    expect(violationsOf(rejection)).toEqual([
      { field: 'subject', reason: 'must not contain control characters' },
    ]);
  });
});
