import createClient, { type Client } from 'openapi-fetch';
import { BorderlinkRefusalError, BorderlinkUnreachableError, refusalOf } from './client.errors.js';
import { authorizationOf, type BorderlinkCredentials } from './credentials.js';
import type { paths } from './generated/node-api.js';
import { LiveStream, type LiveStreamOptions } from './live-stream.js';
import type {
  Accepted,
  AlertInput,
  CreatedServiceSubscription,
  InboxItem,
  InboxPage,
  InboxQuery,
  NodeSubscriptions,
  NodeSubscriptionsRequest,
  NoticeInput,
  Picture,
  ReceiptInput,
  ReplyInput,
  Requests,
  RequestsQuery,
  SentMessage,
  ServiceSubscription,
  ServiceSubscriptionRequest,
  Thread,
  WebhookReport,
} from './node-api.types.js';

/** Where a client connects and as whom. */
export interface BorderlinkClientOptions {
  /** The node's base URL (`http://127.0.0.1:8081`), without `/v1`. */
  url: string;
  credentials: BorderlinkCredentials;
  /** A fetch to use instead of the global one (a proxy, a custom CA). */
  fetch?: typeof fetch;
}

/** An event of the inbox stream: a message taken into the inbox, or a later change of one. */
export type InboxStreamEvent =
  | { type: 'message'; id: string; item: InboxItem }
  | { type: 'state'; change: { id: string; state: 'superseded' | 'cancelled'; by?: string } };

/** An event of a service subscription's stream: a message its filter selects. */
export type SubscriptionStreamEvent = { type: 'message'; id: string; item: InboxItem };

// The inbox catch-up reads at most this many pages of the largest size back to the last event.
const CATCH_UP_PAGES = 10;
const PAGE_SIZE = 200;

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * A typed client of one Borderlink node's API (`/v1`), as a service (API key) or a person (token).
 * Every method resolves with the node's answer or throws a BorderlinkRefusalError carrying the
 * node's refusal (`error`, `reason`, `violations`), or a BorderlinkUnreachableError.
 */
export class BorderlinkClient {
  /** The generated openapi-fetch client, for routes this class does not wrap. */
  readonly api: Client<paths>;
  private readonly url: string;

  constructor(private readonly options: BorderlinkClientOptions) {
    this.url = options.url.replace(/\/+$/, '');
    this.api = createClient<paths>({
      baseUrl: this.url,
      ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    });
    const credentials = options.credentials;
    this.api.use({
      async onRequest({ request }) {
        request.headers.set('authorization', await authorizationOf(credentials));
        return request;
      },
    });
  }

  /** Sends an alert; a client that sets its `id` may retry safely (`duplicate: true`). */
  sendAlert(alert: AlertInput): Promise<Accepted> {
    return this.call('POST /v1/alerts', () => this.api.POST('/v1/alerts', { body: alert }));
  }

  /** Sends a notice (a request, a joint operation, a situation report, …). */
  sendNotice(notice: NoticeInput): Promise<Accepted> {
    return this.call('POST /v1/notices', () => this.api.POST('/v1/notices', { body: notice }));
  }

  /** Replies to a received alert or notice, in its thread. */
  reply(messageId: string, reply: ReplyInput): Promise<Accepted> {
    return this.call(`POST /v1/messages/${messageId}/replies`, () =>
      this.api.POST('/v1/messages/{id}/replies', { params: { path: { id: messageId } }, body: reply }),
    );
  }

  /** Sends a receipt for a received message: `read`, `acknowledged`, or `declined` with a reason. */
  async sendReceipt(messageId: string, receipt: ReceiptInput): Promise<Accepted> {
    return this.call(`POST /v1/messages/${messageId}/receipts`, () =>
      this.api.POST('/v1/messages/{id}/receipts', { params: { path: { id: messageId } }, body: receipt }),
    ) as Promise<Accepted>;
  }

  /** Acknowledges a received message (a receipt of kind `acknowledged`). */
  acknowledge(messageId: string): Promise<Accepted> {
    return this.sendReceipt(messageId, { kind: 'acknowledged' });
  }

  /** One page of the inbox, newest first. */
  inbox(query: InboxQuery = {}): Promise<InboxPage> {
    return this.call('GET /v1/inbox', () => this.api.GET('/v1/inbox', { params: { query } }));
  }

  /** A received message by id (an expired alert too, marked); undefined when the inbox holds none the caller may see. */
  async inboxItem(id: string): Promise<InboxItem | undefined> {
    try {
      return await this.call(`GET /v1/inbox/${id}`, () =>
        this.api.GET('/v1/inbox/{id}', { params: { path: { id } } }),
      );
    } catch (error) {
      if (error instanceof BorderlinkRefusalError && error.status === 404) return undefined;
      throw error;
    }
  }

  /**
   * The inbox items received after `lastId`, oldest first: what a stream resumed from `lastId`
   * missed. When `lastId` is not among the newest pages, what those pages hold.
   */
  async inboxAfter(lastId: string): Promise<InboxItem[]> {
    const missed: InboxItem[] = [];
    let before: number | undefined;
    for (let page = 0; page < CATCH_UP_PAGES; page++) {
      const { items, next } = await this.inbox({
        limit: PAGE_SIZE,
        include: 'expired',
        ...(before ? { before } : {}),
      });
      for (const item of items) {
        if (item.id === lastId) return missed.reverse();
        missed.push(item);
      }
      if (next === undefined) break;
      before = next;
    }
    return missed.reverse();
  }

  /** A message this node sent, with each recipient's receipt. */
  sentMessage(id: string): Promise<SentMessage> {
    return this.call(`GET /v1/messages/${id}`, () =>
      this.api.GET('/v1/messages/{id}', { params: { path: { id } } }),
    );
  }

  /** A thread: what the node received and sent in it, oldest first. */
  thread(id: string): Promise<Thread> {
    return this.call(`GET /v1/threads/${id}`, () =>
      this.api.GET('/v1/threads/{id}', { params: { path: { id } } }),
    );
  }

  /** Requests this node received or sent, with their deadlines. */
  requests(query: RequestsQuery): Promise<Requests> {
    return this.call('GET /v1/requests', () => this.api.GET('/v1/requests', { params: { query } }));
  }

  /** The situational picture: each border section's impact level and figures. */
  picture(): Promise<Picture> {
    return this.call('GET /v1/picture', () => this.api.GET('/v1/picture', {}));
  }

  /** What the node receives from the hub: the registry's ceiling and the node's narrowing within it. */
  subscriptions(): Promise<NodeSubscriptions> {
    return this.call('GET /v1/subscriptions', () => this.api.GET('/v1/subscriptions', {}));
  }

  /**
   * Replaces the node's narrowing (within the registry); needs the administrator role. The change is
   * sent to the hub as a signed message: the answer is that message's acceptance, and `subscriptions()`
   * shows its `change.status` once the hub has answered.
   */
  setSubscriptions(request: NodeSubscriptionsRequest): Promise<Accepted> {
    return this.call('PUT /v1/subscriptions', () => this.api.PUT('/v1/subscriptions', { body: request }));
  }

  /** The service subscriptions the caller may see (its own; an administrator, the agency's). */
  async serviceSubscriptions(): Promise<ServiceSubscription[]> {
    const { items } = await this.call('GET /v1/service-subscriptions', () =>
      this.api.GET('/v1/service-subscriptions', {}),
    );
    return items;
  }

  /** One service subscription. */
  serviceSubscription(id: string): Promise<ServiceSubscription> {
    return this.call(`GET /v1/service-subscriptions/${id}`, () =>
      this.api.GET('/v1/service-subscriptions/{id}', { params: { path: { id } } }),
    );
  }

  /** Registers a service subscription; the answer carries its webhook secret, shown only now. */
  createServiceSubscription(request: ServiceSubscriptionRequest): Promise<CreatedServiceSubscription> {
    return this.call('POST /v1/service-subscriptions', () =>
      this.api.POST('/v1/service-subscriptions', { body: request }),
    );
  }

  /** Replaces a service subscription's filter and endpoint. */
  updateServiceSubscription(id: string, request: ServiceSubscriptionRequest): Promise<ServiceSubscription> {
    return this.call(`PUT /v1/service-subscriptions/${id}`, () =>
      this.api.PUT('/v1/service-subscriptions/{id}', { params: { path: { id } }, body: request }),
    );
  }

  /** Removes a service subscription. */
  async deleteServiceSubscription(id: string): Promise<void> {
    await this.call(`DELETE /v1/service-subscriptions/${id}`, () =>
      this.api.DELETE('/v1/service-subscriptions/{id}', { params: { path: { id } } }),
    );
  }

  /** Where a subscription's webhook stands: its status, cursor, failures and latest attempts. */
  webhookReport(id: string): Promise<WebhookReport> {
    return this.call(`GET /v1/service-subscriptions/${id}/deliveries`, () =>
      this.api.GET('/v1/service-subscriptions/{id}/deliveries', { params: { path: { id } } }),
    );
  }

  /** Re-enables a webhook disabled after a run of failures. */
  enableWebhook(id: string): Promise<WebhookReport> {
    return this.call(`POST /v1/service-subscriptions/${id}/enable`, () =>
      this.api.POST('/v1/service-subscriptions/{id}/enable', { params: { path: { id } } }),
    );
  }

  /**
   * The inbox's live stream: each message taken into the inbox from now on and each later change of
   * one. With `lastEventId`, it starts with the messages received after that one, and after each lost
   * connection it catches up from the inbox the same way, so nothing is missed or repeated.
   */
  streamInbox(options: LiveStreamOptions = {}): LiveStream<InboxStreamEvent> {
    return new LiveStream<InboxStreamEvent>(
      {
        url: `${this.url}/v1/inbox/stream`,
        request: 'GET /v1/inbox/stream',
        credentials: this.options.credentials,
        eventTypes: ['message', 'state'],
        parse: (type, data) => {
          const parsed = JSON.parse(data) as InboxItem & { state: 'superseded' | 'cancelled'; by?: string };
          return type === 'state'
            ? { type: 'state', change: parsed }
            : { type: 'message', id: parsed.id, item: parsed };
        },
        idOf: (event) => (event.type === 'message' ? event.id : undefined),
        catchUp: async (lastId) =>
          (await this.inboxAfter(lastId)).map((item) => ({ type: 'message', id: item.id, item })),
      },
      options,
    );
  }

  /**
   * A service subscription's live stream: the messages its filter selects, each event's id its
   * position in the subscription's log. The node replays what followed `Last-Event-ID` after a lost
   * connection, and what followed `lastEventId` at the start; without it, the oldest it keeps.
   */
  streamServiceSubscription(
    id: string,
    options: LiveStreamOptions = {},
  ): LiveStream<SubscriptionStreamEvent> {
    return new LiveStream<SubscriptionStreamEvent>(
      {
        url: `${this.url}/v1/service-subscriptions/${encodeURIComponent(id)}/stream`,
        request: `GET /v1/service-subscriptions/${id}/stream`,
        credentials: this.options.credentials,
        eventTypes: ['message'],
        parse: (_type, data, eventId) => {
          const item = JSON.parse(data) as InboxItem;
          return { type: 'message', id: eventId ?? item.id, item };
        },
        idOf: (event) => event.id,
      },
      options,
    );
  }

  private async call<T>(request: string, send: () => Promise<Answer<T>>): Promise<T> {
    let answer: Answer<T>;
    try {
      answer = await send();
    } catch (error) {
      throw new BorderlinkUnreachableError(request, this.url, { cause: error });
    }
    if (answer.error !== undefined || !answer.response.ok) {
      throw new BorderlinkRefusalError(
        request,
        answer.response.status,
        refusalOf(answer.response.status, answer.error),
      );
    }
    return answer.data as T;
  }
}
