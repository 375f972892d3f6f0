import { useQuery, useQueryClient } from '@tanstack/react-query';
import { dataOf, useNodeClient, type NodeClient } from '../api/node-client';
import type { AnyMessage, InboxItem, RecipientState, Thread } from '../api/node-types';
import { threadOf } from '../common/item-title';
import { cachedInboxItem } from '../inbox/inbox-cache';

/** A message this node received or sent, wherever the desk found it. */
export interface HeldMessage {
  id: string;
  kind: string;
  direction: 'received' | 'sent';
  sender: string;
  /** The signed handling label (`TLP:AMBER;H2`), or the body's. */
  handling: string;
  message: AnyMessage;
  state?: 'active' | 'superseded' | 'cancelled';
  supersededBy?: string;
  cancelledBy?: string;
  receipts?: RecipientState[];
  /** The thread the node files it under. */
  thread: string;
  /** The inbox's view of a received message: verification, delivery. */
  inbox?: InboxItem;
}

async function threadOrNone(client: NodeClient, id: string): Promise<Thread | undefined> {
  const result = await client.GET('/v1/threads/{id}', { params: { path: { id } } });
  if (result.response.status === 404) return undefined;
  return dataOf(result);
}

/**
 * Finds a message by id: in its thread (the hint from the link, else a thread it opened), which holds
 * both what the node received and what it sent; else among what it sent; else in the inbox (one not
 * filed in a thread: an unverified one). 404 when the node holds none the person may see.
 */
export function useHeldMessage(id: string, threadHint: string | undefined, enabled = true) {
  const client = useNodeClient();
  const queries = useQueryClient();
  return useQuery({
    queryKey: ['held', 'message', id, threadHint ?? ''],
    enabled: enabled && id !== '',
    queryFn: async (): Promise<HeldMessage> => {
      for (const candidate of new Set([threadHint, id])) {
        if (candidate === undefined || candidate === '') continue;
        const thread = await threadOrNone(client, candidate);
        if (thread === undefined) continue;
        queries.setQueryData(['held', 'thread', candidate], thread);
        const entry = thread.items.find((item) => item.id === id);
        if (entry === undefined) continue;
        return {
          id,
          kind: entry.kind,
          direction: entry.direction,
          sender: entry.sender,
          handling: entry.handling,
          message: entry.message as AnyMessage,
          state: entry.state,
          supersededBy: entry.supersededBy,
          cancelledBy: entry.cancelledBy,
          receipts: entry.receipts,
          thread: candidate,
          inbox: cachedInboxItem(queries, id),
        };
      }
      const sent = await client.GET('/v1/messages/{id}', { params: { path: { id } } });
      if (sent.response.ok && sent.data?.message !== undefined) {
        const message = sent.data.message as AnyMessage;
        return {
          id,
          kind: sent.data.kind,
          direction: 'sent',
          sender: message.sender ?? '',
          handling: sent.data.handling ?? '',
          message,
          receipts: sent.data.recipients,
          thread: threadOf(sent.data.kind, message),
        };
      }
      const item =
        cachedInboxItem(queries, id) ??
        dataOf(await client.GET('/v1/inbox/{id}', { params: { path: { id } } }));
      const message = item.message as AnyMessage;
      return {
        id,
        kind: item.kind,
        direction: 'received',
        sender: item.sender,
        handling: item.handling,
        message,
        state: item.state,
        supersededBy: item.supersededBy,
        cancelledBy: item.cancelledBy,
        thread: threadOf(item.kind, message),
        inbox: item,
      };
    },
  });
}

/** A thread's messages, oldest first (GET /v1/threads/{id}); undefined when the node files none. */
export function useThread(thread: string | undefined) {
  const client = useNodeClient();
  return useQuery({
    queryKey: ['held', 'thread', thread ?? ''],
    enabled: thread !== undefined && thread !== '',
    queryFn: async () => (await threadOrNone(client, thread!)) ?? null,
  });
}

/** For the sender: the hub's answer and each recipient's state, read again every few seconds. */
export function useSentStatus(id: string, enabled: boolean) {
  const client = useNodeClient();
  return useQuery({
    queryKey: ['held', 'sent', id],
    enabled,
    queryFn: async () => dataOf(await client.GET('/v1/messages/{id}', { params: { path: { id } } })),
    refetchInterval: 3_000,
  });
}

/** The firearms traces of a seizure alert and where each stands (GET /v1/messages/{id}/traces). */
export function useTraces(id: string, enabled: boolean) {
  const client = useNodeClient();
  return useQuery({
    queryKey: ['held', 'traces', id],
    enabled,
    queryFn: async () => {
      const result = await client.GET('/v1/messages/{id}/traces', { params: { path: { id } } });
      if (result.response.status === 404) return [];
      return dataOf(result).items;
    },
  });
}
