import { create, type MessageInitShape } from '@bufbuild/protobuf';
import { GroupChangeSchema } from '#contracts';
import { transition, type GroupMembership } from './group-membership.js';
import { GroupChangeRefusal } from './groups.errors.js';

let counter = 0;
const change = (sender: string, step: MessageInitShape<typeof GroupChangeSchema>['change']) =>
  create(GroupChangeSchema, { id: `change-${++counter}`, sender, group: 'op-panj', change: step });

const opening = change('kz-border', { case: 'create', value: { name: 'Panj', members: ['tj-border'] } });
const opened: GroupMembership = transition(undefined, opening).next;

function problemOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof GroupChangeRefusal) return error.problem;
    throw error;
  }
  return undefined;
}

describe('group transitions', () => {
  it('creates a group owned by its sender, who is a member, and tells the first members', () => {
    expect(opened).toEqual({
      group: 'op-panj',
      name: 'Panj',
      owner: 'kz-border',
      members: ['kz-border', 'tj-border'],
      change: opening.id,
    });
    expect(transition(undefined, opening).notify).toEqual(['kz-border', 'tj-border']);
  });

  it('admits a member and tells everyone, the newcomer included', () => {
    const { next, notify } = transition(
      opened,
      change('kz-border', { case: 'add', value: { node: 'unodc' } }),
    );
    expect(next.members).toEqual(['kz-border', 'tj-border', 'unodc']);
    expect(notify).toEqual(['kz-border', 'tj-border', 'unodc']);
  });

  it('removes a member and still tells it, so it knows it is out', () => {
    const { next, notify } = transition(
      opened,
      change('kz-border', { case: 'remove', value: { node: 'tj-border' } }),
    );
    expect(next.members).toEqual(['kz-border']);
    expect(notify).toEqual(['kz-border', 'tj-border']);
  });

  it('recognises a change already applied (a redelivery) and leaves the group as it is', () => {
    const removal = change('kz-border', { case: 'remove', value: { node: 'tj-border' } });
    const after = transition(opened, removal).next;
    const again = transition(after, removal);
    expect(again.next).toBe(after);
    expect(again.notify).toEqual(['kz-border', 'tj-border']);
  });

  it.each([
    [
      'exists',
      () => transition(opened, change('tj-border', { case: 'create', value: { name: 'x', members: [] } })),
    ],
    [
      'unknown-group',
      () => transition(undefined, change('kz-border', { case: 'add', value: { node: 'unodc' } })),
    ],
    ['not-owner', () => transition(opened, change('tj-border', { case: 'add', value: { node: 'unodc' } }))],
    [
      'already-member',
      () => transition(opened, change('kz-border', { case: 'add', value: { node: 'tj-border' } })),
    ],
    [
      'not-member',
      () => transition(opened, change('kz-border', { case: 'remove', value: { node: 'unodc' } })),
    ],
  ])('refuses a change when %s', (problem, run) => {
    expect(problemOf(run)).toBe(problem);
  });
});
