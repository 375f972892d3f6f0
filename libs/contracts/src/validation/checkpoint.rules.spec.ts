import { AuditEvent } from '../gen/borderlink/v1/audit_pb.js';
import { fixtureContext, validAuditCheckpoint } from '../../test/message.fixtures.js';
import { validateAuditCheckpoint } from './checkpoint.rules.js';

describe('audit checkpoint rules', () => {
  const fields = (change: (checkpoint: ReturnType<typeof validAuditCheckpoint>) => void) => {
    const checkpoint = validAuditCheckpoint();
    change(checkpoint);
    return validateAuditCheckpoint(checkpoint, fixtureContext()).map((violation) => violation.field);
  };

  it('accepts a signed rollover as well as a checkpoint', () => {
    expect(fields((c) => (c.entry!.event = AuditEvent.ROLLOVER))).toEqual([]);
  });

  it('refuses an announcement without its entry', () => {
    expect(fields((c) => (c.entry = undefined))).toEqual(['entry']);
  });

  it('refuses any other entry, and one without position, hash, key or signature, or of another hub', () => {
    expect(
      fields((c) => {
        Object.assign(c.entry!, { event: AuditEvent.ACCEPTED, sequence: 0n, hash: new Uint8Array(31) });
        Object.assign(c.entry!, { actor: 'hub-b', key: '', signature: '' });
      }),
    ).toEqual(['entry.event', 'entry.sequence', 'entry.hash', 'entry.actor', 'entry.key', 'entry.signature']);
  });
});
