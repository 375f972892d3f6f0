import { create } from '@bufbuild/protobuf';
import { AddresseesSchema, HandlingSchema, Tlp } from '../gen/borderlink/v1/common_pb.js';
import { TraceStatus } from '../gen/borderlink/v1/notice_pb.js';
import { fixtureContext, validReply } from '../../test/message.fixtures.js';
import { validateMessage } from './validate-message.js';

const violationsOf = (reply: ReturnType<typeof validReply>) =>
  validateMessage('reply', reply, fixtureContext());

describe('reply', () => {
  it('requires the notice it answers', () => {
    const reply = validReply();
    reply.notice = '';
    expect(violationsOf(reply)).toEqual([{ field: 'notice', reason: 'is required' }]);
    reply.notice = 'not an id!';
    expect(violationsOf(reply)).toEqual([
      { field: 'notice', reason: "must be 1 to 128 characters of A-Z, a-z, 0-9, '_' or '-'" },
    ]);
  });

  it.each([TraceStatus.DECLINED, TraceStatus.DELAYED])('requires a reason with trace status %i', (status) => {
    const reply = validReply();
    reply.traceStatus = status;
    expect(violationsOf(reply)).toEqual([
      { field: 'traceStatusReason', reason: 'is required when the status is DECLINED or DELAYED' },
    ]);
    reply.traceStatusReason = 'Records transferred to the national archive; answer expected within 30 days';
    expect(violationsOf(reply)).toEqual([]);
  });

  it('refuses an unknown trace status', () => {
    const reply = validReply();
    reply.traceStatus = 12 as TraceStatus;
    expect(violationsOf(reply)).toEqual([{ field: 'traceStatus', reason: 'unknown TraceStatus value 12' }]);
  });

  it('checks handling and addressees when given', () => {
    const reply = validReply();
    reply.handling = create(HandlingSchema, { tlp: Tlp.RED });
    reply.addressees = create(AddresseesSchema, { nodes: ['interpol'] });
    expect(violationsOf(reply)).toEqual([
      { field: 'handling.code', reason: 'is required' },
      { field: 'addressees.nodes[0]', reason: 'must not be the sender' },
    ]);
  });
});
