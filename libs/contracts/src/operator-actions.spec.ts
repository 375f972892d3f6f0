import {
  InvalidOperatorActionError,
  operatorAuditReplySubject,
  parseDeadLetterDecision,
} from './operator-actions.js';

const bytes = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));

describe('operator decisions', () => {
  const decision = {
    action: 'replay',
    operator: 'operator',
    deadLetter: 7,
    stream: 'BL_DELIVERY',
    consumer: 'node-kz-border',
    sequence: 41,
    subject: 'bl.out.kz-border.alert.direct.general',
    msgId: '0190-alert',
    reason: 'max deliveries',
  };

  it('reads a decision with every field', () => {
    expect(parseDeadLetterDecision(bytes(decision))).toEqual(decision);
  });

  it('refuses another action, a missing operator or a sequence that is no positive integer', () => {
    for (const wrong of [
      { ...decision, action: 'purge' },
      { ...decision, operator: '' },
      { ...decision, deadLetter: 0 },
      { ...decision, sequence: 1.5 },
    ]) {
      expect(() => parseDeadLetterDecision(bytes(wrong))).toThrow(InvalidOperatorActionError);
    }
    expect(() => parseDeadLetterDecision(new TextEncoder().encode('{'))).toThrow(InvalidOperatorActionError);
  });

  it('builds reply subjects under bl.ctl, one token each', () => {
    expect(operatorAuditReplySubject('r01ab')).toBe('bl.ctl.audit-reply.r01ab');
    expect(() => operatorAuditReplySubject('a.>')).toThrow(RangeError);
  });
});
