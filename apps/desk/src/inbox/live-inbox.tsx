import { useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useAuth } from '../../../../libs/web/src/auth/auth-context';
import { dataOf, useNodeClient } from '../api/node-client';
import type { InboxItem } from '../api/node-types';
import { useHasRole } from '../api/use-me';
import { addLiveItem, applyStateChange } from './inbox-cache';
import { openLiveStream, type LiveStatus } from './live-stream';

const LiveStatusContext = createContext<LiveStatus | 'off'>('off');

/** Whether the inbox is live: connecting, live, reconnecting, or off (nobody with the reader role). */
export const useLiveStatus = () => useContext(LiveStatusContext);

/**
 * Keeps one live stream open for the signed-in reader while the desk is open, whatever the page:
 * new items go to the top of the inbox, and state changes reach the inbox and the message views.
 */
export function LiveInbox(props: { children: ReactNode }) {
  const client = useNodeClient();
  const queries = useQueryClient();
  const { status } = useAuth();
  const reader = useHasRole('reader');
  const [live, setLive] = useState<LiveStatus | 'off'>('off');

  useEffect(() => {
    if (status !== 'signed-in' || !reader) return;
    const stop = openLiveStream<InboxItem>({
      ticket: async () => dataOf(await client.POST('/v1/inbox/stream-tickets')).ticket,
      url: (ticket) => `/v1/inbox/stream?ticket=${encodeURIComponent(ticket)}`,
      onItem: (item) => {
        addLiveItem(queries, item);
        void queries.invalidateQueries({ queryKey: ['held'] });
      },
      onState: (change) => {
        applyStateChange(queries, change);
        void queries.invalidateQueries({ queryKey: ['held'] });
      },
      onStatus: setLive,
    });
    return () => {
      stop();
      setLive('off');
    };
  }, [client, queries, status, reader]);

  return <LiveStatusContext.Provider value={live}>{props.children}</LiveStatusContext.Provider>;
}
