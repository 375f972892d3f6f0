import { create } from '@bufbuild/protobuf';
import { AlertSchema } from '../gen/borderlink/v1/alert_pb.js';
import { NoticeSchema } from '../gen/borderlink/v1/notice_pb.js';
import type { MessageKind, MessageOf } from '../message-kinds.js';
import { LIMITS } from './limits.js';
import { fixtureContext, validAlert, VALID_MESSAGES } from '../../test/message.fixtures.js';
import { validateMessage } from './validate-message.js';

const VALID = VALID_MESSAGES;

describe('validateMessage', () => {
  it.each(Object.keys(VALID) as MessageKind[])('accepts a complete, valid %s', (kind) => {
    expect(validateMessage(kind, VALID[kind](), fixtureContext())).toEqual([]);
  });

  it('refuses an empty alert with a reason for every required field', () => {
    const fields = validateMessage('alert', create(AlertSchema), fixtureContext()).map((v) => v.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'id',
        'sender',
        'sent',
        'type',
        'status',
        'category',
        'severity',
        'urgency',
        'certainty',
        'regions',
        'texts',
        'evaluation',
        'handling',
      ]),
    );
  });

  it('reports at most LIMITS.maxViolations violations, the first ones found', () => {
    const alert = validAlert();
    alert.regions = Array.from({ length: 300 }, (_, i) => `unknown-${i}`);
    const violations = validateMessage('alert', alert, fixtureContext());
    expect(violations).toHaveLength(LIMITS.maxViolations);
    expect(violations[0]).toEqual({
      field: 'regions',
      reason: `must have at most ${LIMITS.maxRegions} entries`,
    });
  });

  it('throws a TypeError when the message is not of the declared kind', () => {
    const notice = create(NoticeSchema) as unknown as MessageOf<'alert'>;
    expect(() => validateMessage('alert', notice, fixtureContext())).toThrow(TypeError);
  });

  it('throws a TypeError for an unknown kind', () => {
    expect(() => validateMessage('bogus' as MessageKind, validAlert(), fixtureContext())).toThrow(TypeError);
  });
});
