import { fixtureContext, validGroupChange } from '../../test/message.fixtures.js';
import { validateMessage } from './validate-message.js';

describe('group change', () => {
  const violationsOf = (change: ReturnType<typeof validGroupChange>) =>
    validateMessage('group', change, fixtureContext());

  it('accepts a creation and requires a group id, a name and one change', () => {
    expect(violationsOf(validGroupChange())).toEqual([]);
    const change = validGroupChange();
    change.group = 'Op Panj';
    change.change = { case: undefined };
    expect(violationsOf(change)).toEqual([
      { field: 'group', reason: "must be a group id of lowercase letters, digits and '-'" },
      { field: 'change', reason: 'must be one of create, add, remove' },
    ]);
  });

  it('refuses unknown or repeated members, and the owner as a member to add or remove', () => {
    const change = validGroupChange();
    if (change.change.case !== 'create') throw new Error('the fixture opens a group');
    change.change.value.members = ['xx-border', 'kz-border', 'unodc', 'unodc'];
    expect(violationsOf(change).map((v) => v.field)).toEqual([
      'create.members[0]',
      'create.members[3]',
      'create.members[1]',
    ]);
    const removal = validGroupChange();
    removal.change = { case: 'remove', value: { $typeName: 'borderlink.v1.GroupMember', node: 'kz-border' } };
    expect(violationsOf(removal)).toEqual([{ field: 'remove.node', reason: 'must not be the owner' }]);
  });
});
