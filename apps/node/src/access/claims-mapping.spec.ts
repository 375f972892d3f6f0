import { validateConfig } from '#runtime';
import { NodeConfig } from '../config/node.config.js';
import { UnauthenticatedError } from './access.errors.js';
import { ClaimsMapping } from './claims-mapping.js';

const ISSUER = 'https://idp.border.kz/realms/kz';

function mapping(extra: Record<string, string> = {}): ClaimsMapping {
  return new ClaimsMapping(
    validateConfig(NodeConfig, {
      NODE_ID: 'kz-border',
      NODE_SEED_FILE: 'seed.nk',
      NODE_STORE_FILE: 'store.sqlite',
      NODE_OIDC_ISSUER: ISSUER,
      NODE_OIDC_AUDIENCE: 'kz-border',
      ...extra,
    }),
  );
}

describe('ClaimsMapping', () => {
  it('takes the node’s role and clearance names as they are when no map is configured', () => {
    const principal = mapping().principalOf(
      {
        sub: 'u-1',
        preferred_username: 'a.nurlanov',
        roles: ['reader', 'author', 'janitor'],
        clearance: 'red',
      },
      ISSUER,
    );
    expect(principal).toEqual({
      id: 'person:u-1',
      kind: 'person',
      issuer: ISSUER,
      subject: 'u-1',
      name: 'a.nurlanov',
      roles: ['reader', 'author'],
      clearance: 'red',
    });
  });

  it('maps Keycloak realm roles and a clearance through the configured maps, and nothing unmapped', () => {
    const principal = mapping({
      NODE_OIDC_ROLES_CLAIM: 'realm_access.roles',
      NODE_OIDC_ROLE_MAP: 'BL-Desk=reader,BL-Desk=author,BL-Duty=supervisor',
      NODE_OIDC_CLEARANCE_MAP: 'SECRET=red,CONFIDENTIAL=amber-strict',
    }).principalOf(
      { sub: 'u-2', realm_access: { roles: ['BL-Desk', 'reader'] }, clearance: 'CONFIDENTIAL' },
      ISSUER,
    );
    expect(principal.roles).toEqual(['reader', 'author']);
    expect(principal.clearance).toBe('amber-strict');
  });

  it('gives the default clearance for none, an unknown one or a mix with an unknown one, and the lowest of several', () => {
    const clearance = (value: unknown) =>
      mapping().principalOf({ sub: 's', clearance: value }, ISSUER).clearance;
    expect(clearance(undefined)).toBe('amber');
    expect(clearance('top-secret')).toBe('amber');
    expect(clearance(['red', 'cosmic'])).toBe('amber');
    expect(clearance(['red', 'amber-strict'])).toBe('amber-strict');
  });

  it('names a person by the configured subject claim, and refuses a token without it', () => {
    expect(
      mapping({ NODE_OIDC_SUBJECT_CLAIM: 'oid' }).principalOf({ sub: 'pairwise', oid: 'tenant-wide' }, ISSUER)
        .id,
    ).toBe('person:tenant-wide');
    expect(() => mapping().principalOf({ roles: ['reader'] }, ISSUER)).toThrow(UnauthenticatedError);
  });

  it('refuses a subject the node could not sign as the acting person (spaces, non-ASCII)', () => {
    const named = mapping({ NODE_OIDC_SUBJECT_CLAIM: 'preferred_username' });
    expect(() => named.principalOf({ preferred_username: 'Aigerim Bekova' }, ISSUER)).toThrow(
      /printable ASCII/,
    );
    expect(() => named.principalOf({ preferred_username: 'айгерим' }, ISSUER)).toThrow(UnauthenticatedError);
  });
});
