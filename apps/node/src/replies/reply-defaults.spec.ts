import { create } from '@bufbuild/protobuf';
import { HandlingCode, ReplySchema, Tlp, type Reply } from '#contracts';
import { InvalidMessageError } from '../common/common.errors.js';
import { completeReply, type Answered } from './reply-defaults.js';

const ANSWERED: Answered = {
  id: 'alert-1',
  thread: 'incident-7',
  addressees: { nodes: ['tj-border', 'kg-border'], groups: ['panj-task-force'] },
  handling: { tlp: 'TLP_AMBER', code: 'HANDLING_CODE_H2' },
};

const completed = (init: Parameters<typeof create<typeof ReplySchema>>[1] = {}): Reply => {
  const reply = create(ReplySchema, init);
  completeReply(reply, ANSWERED, 'tj-border');
  return reply;
};

const refusal = (init: Parameters<typeof create<typeof ReplySchema>>[1]): string[] => {
  try {
    completed(init);
  } catch (error) {
    if (error instanceof InvalidMessageError) return error.violations.map((violation) => violation.field);
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('completeReply', () => {
  it('answers the original in its thread, to its other addressees, under its handling', () => {
    const reply = completed();
    expect(reply).toMatchObject({ notice: 'alert-1', thread: 'incident-7' });
    expect(reply.addressees).toMatchObject({ nodes: ['kg-border'], groups: ['panj-task-force'] });
    expect(reply.handling).toMatchObject({ tlp: Tlp.AMBER, code: HandlingCode.H2 });
  });

  it('keeps addressees and a handling at least as strict as the original’s', () => {
    const reply = completed({
      addressees: { nodes: ['kz-border'] },
      handling: { tlp: Tlp.RED, code: HandlingCode.H2 },
    });
    expect(reply.addressees?.nodes).toEqual(['kz-border']);
    expect(reply.handling?.tlp).toBe(Tlp.RED);
  });

  it('refuses a wider handling, and another message or thread than the one answered', () => {
    expect(refusal({ handling: { tlp: Tlp.GREEN } })).toEqual(['handling.tlp']);
    expect(refusal({ notice: 'other', thread: 'other' })).toEqual(['notice', 'thread']);
  });
});
