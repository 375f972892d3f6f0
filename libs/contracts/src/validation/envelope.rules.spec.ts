import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { LIMITS } from './limits.js';
import { FIXTURE_NOW, fixtureContext, validAlert, validReceipt } from '../../test/message.fixtures.js';
import { isMessageId } from './id.rules.js';
import { validateMessage } from './validate-message.js';

const at = (offsetMs: number) => timestampFromDate(new Date(FIXTURE_NOW.getTime() + offsetMs));

describe('envelope rules (id, sender, sent)', () => {
  it.each(['0195940a-7b1c-7cc3-9f4e-3d1f6a2b8c01', 'a', 'A_b-9', 'x'.repeat(LIMITS.idMaxLength)])(
    'accepts the id %s',
    (id) => {
      expect(isMessageId(id)).toBe(true);
      const receipt = validReceipt();
      receipt.id = id;
      expect(validateMessage('receipt', receipt, fixtureContext())).toEqual([]);
    },
  );

  it.each(['', 'has space', 'dot.ted', 'star*', 'ümlaut', 'x'.repeat(LIMITS.idMaxLength + 1)])(
    'refuses the id %j',
    (id) => {
      expect(isMessageId(id)).toBe(false);
      const receipt = validReceipt();
      receipt.id = id;
      const [violation] = validateMessage('receipt', receipt, fixtureContext());
      expect(violation?.field).toBe('id');
    },
  );

  it('refuses a sender the registry does not know', () => {
    const alert = validAlert();
    alert.sender = 'xx-border';
    expect(validateMessage('alert', alert, fixtureContext())).toEqual([
      { field: 'sender', reason: "unknown node 'xx-border'" },
    ]);
  });

  it('refuses a sender that is not a subject token, without asking the registry', () => {
    const alert = validAlert();
    alert.sender = 'kz-border.>';
    const ctx = { ...fixtureContext(), knownNode: () => true };
    expect(validateMessage('alert', alert, ctx)).toEqual([
      { field: 'sender', reason: "must be a node id of lowercase letters, digits and '-'" },
    ]);
  });

  it('refuses a message without a sent time', () => {
    const receipt = validReceipt();
    receipt.sent = undefined;
    expect(validateMessage('receipt', receipt, fixtureContext())).toEqual([
      { field: 'sent', reason: 'is required' },
    ]);
  });

  it('accepts a sent time up to 5 minutes ahead and up to 7 days behind the clock', () => {
    for (const offset of [LIMITS.sentMaxFutureMs, -LIMITS.sentMaxAgeMs, 0]) {
      const receipt = validReceipt();
      receipt.sent = at(offset);
      expect(validateMessage('receipt', receipt, fixtureContext())).toEqual([]);
    }
  });

  it('refuses a sent time more than 5 minutes in the future', () => {
    const receipt = validReceipt();
    receipt.sent = at(LIMITS.sentMaxFutureMs + 1_000);
    expect(validateMessage('receipt', receipt, fixtureContext())).toEqual([
      { field: 'sent', reason: 'must not be more than 5 minutes in the future' },
    ]);
  });

  it('refuses a sent time more than 7 days in the past', () => {
    const receipt = validReceipt();
    receipt.sent = at(-LIMITS.sentMaxAgeMs - 1_000);
    expect(validateMessage('receipt', receipt, fixtureContext())).toEqual([
      { field: 'sent', reason: 'must not be more than 7 days in the past' },
    ]);
  });

  it('refuses a timestamp outside the protobuf range', () => {
    const receipt = validReceipt();
    receipt.sent = { ...at(0), seconds: 300_000_000_000n };
    expect(validateMessage('receipt', receipt, fixtureContext())).toEqual([
      { field: 'sent', reason: 'must be a valid time between years 0001 and 9999' },
    ]);
    receipt.sent = { ...at(0), nanos: -1 };
    expect(validateMessage('receipt', receipt, fixtureContext())[0]?.field).toBe('sent');
  });
});
