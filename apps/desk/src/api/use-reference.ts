import { useQuery } from '@tanstack/react-query';
import { dataOf, useNodeClient } from './node-client';
import type { Reference } from './node-types';

/** The registry's regions, sections, crossing points and nodes (GET /v1/reference). */
export function useReference() {
  const client = useNodeClient();
  return useQuery({
    queryKey: ['reference'],
    queryFn: async (): Promise<Reference> => dataOf(await client.GET('/v1/reference')),
    staleTime: 10 * 60_000,
  });
}
