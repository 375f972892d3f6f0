import { create, type MessageInitShape } from '@bufbuild/protobuf';
import { GroupChangeSchema } from '#contracts';
import { applyToView, type GroupView } from './group-view.js';

const change = (sender: string, step: MessageInitShape<typeof GroupChangeSchema>['change']) =>
  create(GroupChangeSchema, { id: 'c', sender, group: 'op-panj', change: step });

const opened: GroupView = {
  group: 'op-panj',
  name: 'Panj',
  owner: 'kz-border',
  members: ['kz-border', 'tj-border', 'kg-border'],
};

describe('applyToView', () => {
  it('opens a group with the owner among its members', () => {
    const creation = change('kz-border', {
      case: 'create',
      value: { name: 'Panj', members: ['tj-border', 'kg-border'] },
    });
    expect(applyToView(undefined, creation, 'tj-border')).toEqual(opened);
  });

  it('adds a member once, and lets a newcomer know the owner and itself', () => {
    const adding = change('kz-border', { case: 'add', value: { node: 'unodc' } });
    expect(applyToView(opened, adding, 'tj-border')?.members).toEqual([...opened.members, 'unodc']);
    expect(applyToView(undefined, adding, 'unodc')).toEqual({
      group: 'op-panj',
      name: '',
      owner: 'kz-border',
      members: ['kz-border', 'unodc'],
    });
  });

  it('drops a removed member, and the whole group from the removed node’s own view', () => {
    const removal = change('kz-border', { case: 'remove', value: { node: 'kg-border' } });
    expect(applyToView(opened, removal, 'tj-border')?.members).toEqual(['kz-border', 'tj-border']);
    expect(applyToView(opened, removal, 'kg-border')).toBeUndefined();
  });
});
