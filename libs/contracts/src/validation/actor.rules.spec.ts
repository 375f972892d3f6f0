import { create } from '@bufbuild/protobuf';
import { ReleaseDecisionSchema } from '../gen/borderlink/v1/release_pb.js';
import { fixtureContext, validAlert, validReceipt, validRelease } from '../../test/message.fixtures.js';
import { LIMITS } from './limits.js';
import { validateMessage } from './validate-message.js';

const SYNTAX = expect.stringMatching(/^must be "person:<subject>" or "service:<key id>"/) as unknown;

describe('actor', () => {
  it('accepts a person, a service, and no one (the node acting by itself)', () => {
    const alert = validAlert();
    expect(validateMessage('alert', alert, fixtureContext())).toEqual([]);
    alert.actor = 'service:k_7Hq2';
    expect(validateMessage('alert', alert, fixtureContext())).toEqual([]);
    const receipt = validReceipt();
    receipt.actor = '';
    expect(validateMessage('receipt', receipt, fixtureContext())).toEqual([]);
  });

  it.each([
    ['an unknown kind of actor', 'node:kz-border'],
    ['a space', 'person:Aigerim Bekova'],
    ['a line break, which would split the signed text', 'person:a\nb'],
    ['non-ASCII', 'person:айгерим'],
    ['an empty id', 'person:'],
    ['an overlong id', `person:${'x'.repeat(LIMITS.actorIdMaxLength + 1)}`],
  ])('refuses %s', (_, actor) => {
    const alert = validAlert();
    alert.actor = actor;
    expect(validateMessage('alert', alert, fixtureContext())).toEqual([{ field: 'actor', reason: SYNTAX }]);
  });
});

describe('release decision approvers', () => {
  const decision = (approved: boolean, approvers: string[], actor: string) => {
    const release = validRelease();
    release.sender = release.origin;
    release.actor = actor;
    release.step = {
      case: 'decision',
      value: create(ReleaseDecisionSchema, {
        request: '0190f3c2-7a4e-7b1d-9c3e-5a6b7c8d9e0f',
        requester: 'uz-border',
        approved,
        reason: approved ? '' : 'not needed',
        approvers,
      }),
    };
    return validateMessage('release', release, fixtureContext());
  };

  it('names two different people approving, the last of them the actor', () => {
    expect(decision(true, ['person:sup-1', 'person:sup-2'], 'person:sup-2')).toEqual([]);
  });

  it('refuses the same person twice, a service, an approver on a refusal, and an actor who is not the last', () => {
    expect(decision(true, ['person:sup-1', 'person:sup-1'], 'person:sup-1')).toEqual([
      { field: 'decision.approvers[1]', reason: 'duplicates decision.approvers[0]' },
    ]);
    expect(decision(true, ['service:k1'], 'service:k1')).toEqual([
      { field: 'decision.approvers[0]', reason: 'must be a person' },
    ]);
    expect(decision(false, ['person:sup-1'], 'person:sup-1')).toEqual([
      { field: 'decision.approvers', reason: 'must be empty for a refusal' },
    ]);
    expect(decision(true, ['person:sup-1', 'person:sup-2'], 'person:sup-1')).toEqual([
      { field: 'decision.approvers', reason: 'must end with the actor, who decided' },
    ]);
  });
});
