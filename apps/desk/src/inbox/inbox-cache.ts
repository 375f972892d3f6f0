import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import type { InboxItem, InboxList } from '../api/node-types';
import type { StateChange } from './live-stream';

/** The inbox's pages in react-query's cache, with and without expired alerts. */
export const inboxKey = (includeExpired: boolean) => ['inbox', { includeExpired }] as const;

type Pages = InfiniteData<InboxList, number | undefined>;

/** Puts a streamed item at the top of every cached inbox view, once. */
export function addLiveItem(queries: QueryClient, item: InboxItem): void {
  queries.setQueriesData<Pages>({ queryKey: ['inbox'] }, (pages) => {
    if (pages === undefined || pages.pages.length === 0) return pages;
    if (pages.pages.some((page) => page.items.some((held) => held.id === item.id))) return pages;
    const [first, ...rest] = pages.pages;
    return { ...pages, pages: [{ ...first!, items: [item, ...first!.items] }, ...rest] };
  });
}

/** Marks an item superseded or cancelled in every cached inbox view. */
export function applyStateChange(queries: QueryClient, change: StateChange): void {
  queries.setQueriesData<Pages>({ queryKey: ['inbox'] }, (pages) =>
    pages === undefined
      ? pages
      : {
          ...pages,
          pages: pages.pages.map((page) => ({
            ...page,
            items: page.items.map((item) =>
              item.id !== change.id
                ? item
                : {
                    ...item,
                    state: change.state,
                    ...(change.state === 'superseded'
                      ? { supersededBy: change.by }
                      : { cancelledBy: change.by }),
                  },
            ),
          })),
        },
  );
}

/** An item the cached inbox holds, by id (to show a message's verification and delivery). */
export function cachedInboxItem(queries: QueryClient, id: string): InboxItem | undefined {
  for (const [, pages] of queries.getQueriesData<Pages>({ queryKey: ['inbox'] })) {
    for (const page of pages?.pages ?? []) {
      const found = page.items.find((item) => item.id === id);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
