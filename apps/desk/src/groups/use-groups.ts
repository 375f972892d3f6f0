import { useQuery } from '@tanstack/react-query';
import { dataOf, useNodeClient } from '../api/node-client';
import type { GroupView } from '../api/node-types';

/** The closed user groups this node knows of (GET /v1/groups). */
export function useGroups() {
  const client = useNodeClient();
  return useQuery({
    queryKey: ['groups'],
    queryFn: async (): Promise<GroupView[]> => dataOf(await client.GET('/v1/groups')),
  });
}
