import { useInfiniteQuery } from '@tanstack/react-query';
import { dataOf, useNodeClient } from '../api/node-client';
import type { InboxList } from '../api/node-types';
import { inboxKey } from './inbox-cache';

const PAGE = 100;

/** The inbox, newest first, a page at a time; the live stream adds to the first page (LiveInbox). */
export function useInbox(includeExpired: boolean) {
  const client = useNodeClient();
  return useInfiniteQuery({
    queryKey: inboxKey(includeExpired),
    initialPageParam: undefined as number | undefined,
    queryFn: async ({ pageParam }): Promise<InboxList> =>
      dataOf(
        await client.GET('/v1/inbox', {
          params: {
            query: {
              limit: PAGE,
              ...(pageParam === undefined ? {} : { before: pageParam }),
              ...(includeExpired ? { include: 'expired' as const } : {}),
            },
          },
        }),
      ),
    getNextPageParam: (last) => last.next,
    // New items come over the live stream; the pages are not read again behind the person's back.
    staleTime: Infinity,
  });
}
