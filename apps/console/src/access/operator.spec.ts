import { operatorOf } from './operator.js';

describe('operatorOf', () => {
  it('names the person by preferred_username, else sub, with the roles of the claim', () => {
    expect(operatorOf({ sub: 's1', preferred_username: 'operator', roles: ['operator'] }, 'roles')).toEqual({
      user: 'operator',
      roles: ['operator'],
    });
    expect(operatorOf({ sub: 's1', realm_access: { roles: ['operator', 7] } }, 'realm_access.roles')).toEqual(
      {
        user: 's1',
        roles: ['operator'],
      },
    );
  });

  it('gives no roles when the claim is missing, and one for a single string', () => {
    expect(operatorOf({ sub: 's1' }, 'roles').roles).toEqual([]);
    expect(operatorOf({ sub: 's1', groups: 'operator' }, 'groups').roles).toEqual(['operator']);
  });
});
