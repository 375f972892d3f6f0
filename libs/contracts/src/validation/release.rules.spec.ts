import { create } from '@bufbuild/protobuf';
import { ReleaseDecisionSchema } from '../gen/borderlink/v1/release_pb.js';
import { fixtureContext, validRelease } from '../../test/message.fixtures.js';
import { validateMessage } from './validate-message.js';

describe('release', () => {
  const violationsOf = (release: ReturnType<typeof validRelease>) =>
    validateMessage('release', release, fixtureContext());

  it('accepts a request from a recipient and requires the message, origin, further node and step', () => {
    expect(violationsOf(validRelease())).toEqual([]);
    const release = validRelease();
    release.message = '';
    release.origin = '';
    release.to = '';
    release.step = { case: undefined };
    expect(violationsOf(release)).toEqual([
      { field: 'message', reason: 'is required' },
      { field: 'origin', reason: 'is required' },
      { field: 'to', reason: 'is required' },
      { field: 'step', reason: 'must be a request or a decision' },
    ]);
  });

  it('refuses a request to release to the origin, to the requester, or sent by the origin', () => {
    const toOrigin = validRelease();
    toOrigin.to = toOrigin.origin;
    expect(violationsOf(toOrigin)).toEqual([{ field: 'to', reason: 'must not be the origin' }]);
    const toSelf = validRelease();
    toSelf.to = toSelf.sender;
    expect(violationsOf(toSelf)).toEqual([{ field: 'to', reason: 'must not be the requester' }]);
    const byOrigin = validRelease();
    byOrigin.sender = byOrigin.origin;
    expect(violationsOf(byOrigin)).toEqual([
      { field: 'origin', reason: 'must not be the sender of a request' },
    ]);
  });

  it('takes a decision only from the origin, naming the request and requester, with a reason to refuse', () => {
    const decision = validRelease();
    decision.sender = decision.origin;
    decision.step = {
      case: 'decision',
      value: create(ReleaseDecisionSchema, { request: '', requester: '', approved: false, reason: '' }),
    };
    expect(violationsOf(decision)).toEqual([
      { field: 'decision.request', reason: 'is required' },
      { field: 'decision.requester', reason: 'is required' },
      { field: 'decision.reason', reason: 'is required' },
    ]);
    decision.sender = 'uz-border';
    expect(violationsOf(decision)).toContainEqual({
      field: 'origin',
      reason: 'must be the sender of a decision',
    });
  });
});
