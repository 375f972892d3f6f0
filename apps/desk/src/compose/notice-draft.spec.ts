import { emptyNotice, noticeOf } from './notice-draft';

describe('a notice from the compose form', () => {
  it('carries the details of its kind only', () => {
    const draft = {
      ...emptyNotice('en'),
      kind: 'NOTICE_KIND_FIREARMS_TRACE_REQUEST',
      nodes: ['interpol'],
      weapon: { ...emptyNotice('en').weapon, type: 'WEAPON_TYPE_ASSAULT_RIFLE', serialNumber: 'LO-2645' },
      illicitNature: 'seized at the border',
      intendedUse: 'criminal investigation',
      seizureAlert: '0198',
      name: 'left over from another kind',
    };
    const body = noticeOf(draft);
    expect(body.trace).toEqual({
      item: { type: 'WEAPON_TYPE_ASSAULT_RIFLE', serialNumber: 'LO-2645', quantity: 1 },
      illicitNature: 'seized at the border',
      intendedUse: 'criminal investigation',
      seizureAlert: '0198',
    });
    expect(body).not.toHaveProperty('operation');
    expect(body.addressees).toEqual({ nodes: ['interpol'] });
  });

  it('reads references separated by commas or spaces', () => {
    expect(noticeOf({ ...emptyNotice('ru'), references: 'a, b  c' }).references).toEqual(['a', 'b', 'c']);
  });
});
