import { useQuery } from '@tanstack/react-query';
import { useAuth } from '../../../../libs/web/src/auth/auth-context';
import { dataOf, useNodeClient } from './node-client';
import type { Principal, Role } from './node-types';

/** Who the node takes the signed-in person for: name, roles, clearance (GET /v1/me). */
export function useMe() {
  const client = useNodeClient();
  const { status } = useAuth();
  return useQuery({
    queryKey: ['me'],
    enabled: status === 'signed-in',
    queryFn: async (): Promise<Principal> => dataOf(await client.GET('/v1/me')),
    staleTime: 5 * 60_000,
  });
}

/** Whether the person holds a role; false while unknown. */
export function useHasRole(role: Role): boolean {
  return useMe().data?.roles.includes(role) ?? false;
}
