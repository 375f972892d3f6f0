import { randomUUID } from 'node:crypto';
import {
  Inject,
  Injectable,
  Optional,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { LOGGER } from '#runtime';
import type { Logger } from 'pino';
import type { Subscription } from 'rxjs';
import type { Principal } from '../access/principal.js';
import { AccessLogService } from '../access-log/access-log.service.js';
import { Clock } from '../common/clock.js';
import { serveRequest } from '../common/request-id.js';
import { NodeConfig } from '../config/node.config.js';
import type { ShownItem } from '../inbox/inbox-item.js';
import type { StoredSubscription } from './service-subscription.js';
import { ServiceSubscriptionsRepository } from './service-subscriptions.repository.js';
import { ServiceSubscriptionsService } from './service-subscriptions.service.js';
import { backoffDelay } from './webhook-backoff.js';
import { signWebhook } from './webhook-signature.js';
import type { WebhookAttempt, WebhookState } from './webhook-state.js';

/** The jitter source of the webhook backoff, a number in [0, 1); tests provide their own. */
export const WEBHOOK_JITTER = Symbol('WEBHOOK_JITTER');

// Log entries read at a time.
const LOG_PAGE = 100;

/** What a subscription's webhook receives: one message of its log. */
export interface WebhookPayload {
  type: 'inbox.item';
  /** When this attempt was made (RFC 3339). */
  timestamp: string;
  data: { subscription: string; position: string; item: ShownItem };
}

/**
 * Delivers each subscription's log to its webhook, in log order, one message at a time: the next
 * is not sent while one is being retried, so each sender's order holds at the endpoint. A failed
 * attempt (no answer within NODE_WEBHOOK_TIMEOUT_MS, or a status other than 2xx) is retried after
 * an exponential backoff with jitter; after NODE_WEBHOOK_MAX_FAILURES in a row the webhook is
 * disabled until its owner enables it, and resumes with that message. Runs on every instance: a
 * Redis lease per subscription lets one deliver at a time, and the cursor, read under the lease,
 * says what is next. The node's Clock decides when a retry is due (tests move it); the lease runs
 * on Redis's own clock.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly token = randomUUID();
  private readonly closing = new AbortController();
  private timer?: NodeJS.Timeout;
  private woken?: Subscription;
  private running?: Promise<void>;
  private pending = false;

  constructor(
    private readonly subscriptions: ServiceSubscriptionsService,
    private readonly repository: ServiceSubscriptionsRepository,
    private readonly accessLog: AccessLogService,
    private readonly config: NodeConfig,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    @Optional() @Inject(WEBHOOK_JITTER) private readonly jitter: () => number = Math.random,
  ) {}

  onApplicationBootstrap(): void {
    this.woken = this.subscriptions.appended$().subscribe(() => this.kick());
    this.timer = setInterval(() => this.kick(), this.config.NODE_SERVICE_SUBSCRIPTIONS_POLL_MS);
    this.timer.unref();
    this.kick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing.abort();
    clearInterval(this.timer);
    this.woken?.unsubscribe();
    await this.running;
  }

  /** Delivers what is due now; resolves when every subscription has been looked at once. */
  async runOnce(): Promise<void> {
    const subscriptions = await this.subscriptions.withWebhooks();
    await Promise.all(subscriptions.map((subscription) => this.deliver(subscription)));
  }

  // Work found while a run is going runs again right after it, never beside it.
  private kick(): void {
    this.pending = true;
    this.running ??= this.loop();
  }

  private async loop(): Promise<void> {
    while (this.pending && !this.closing.signal.aborted) {
      this.pending = false;
      try {
        await this.runOnce();
      } catch (error) {
        this.logger.error({ err: error }, 'webhook run failed; the next one tries again');
      }
    }
    this.running = undefined;
  }

  private get leaseMs(): number {
    return 2 * this.config.NODE_WEBHOOK_TIMEOUT_MS + 5_000;
  }

  private async deliver(subscription: StoredSubscription): Promise<void> {
    const { id } = subscription;
    if (!(await this.repository.lease(id, this.token, this.leaseMs))) return;
    try {
      // The key's standing now: a revoked or expired key's webhook sends nothing.
      const owner = this.subscriptions.ownerOf(subscription);
      if (owner === undefined) return;
      let state = await this.repository.webhookState(id);
      while (!this.closing.signal.aborted) {
        if (state.disabledAt !== undefined) return;
        if (state.retryAt !== undefined && state.retryAt > this.clock.now().getTime()) return;
        const entries = await this.repository.entries(id, state.cursor, LOG_PAGE);
        if (entries.length === 0) return;
        const readable = new Map(
          (await this.subscriptions.readable(subscription, owner, entries)).map((one) => [
            one.position,
            one.item,
          ]),
        );
        for (const entry of entries) {
          if (this.closing.signal.aborted) return;
          const item = readable.get(entry.position);
          // Gone by retention, or no longer within the key's clearance: nothing to send.
          if (item === undefined) {
            const epoch = state.epoch;
            state = { cursor: entry.position, failures: 0, epoch };
            if (!(await this.repository.saveWebhook(id, state, undefined, epoch))) return;
            continue;
          }
          const attempt = await this.attempt(subscription, owner, entry.position, item);
          // Cut short by the node's shutdown: not the endpoint's failure; the next run sends it again.
          if (!attempt.ok && this.closing.signal.aborted) return;
          const epoch = state.epoch;
          state = this.after(state, entry.position, attempt);
          // Its owner reset it meanwhile (enabled it, named a new endpoint): the next run starts from that.
          if (!(await this.repository.saveWebhook(id, state, attempt, epoch))) return;
          if (!attempt.ok) {
            this.logger.warn(
              {
                subscription: id,
                msgId: item.id,
                failures: state.failures,
                disabled: state.disabledAt !== undefined,
                error: attempt.error,
              },
              state.disabledAt === undefined
                ? 'webhook attempt failed; retried later'
                : 'webhook disabled after repeated failures',
            );
            return;
          }
          if (!(await this.repository.renew(id, this.token, this.leaseMs))) return;
        }
      }
    } finally {
      await this.repository.release(id, this.token);
    }
  }

  // The state after an attempt at the message at `position`.
  private after(state: WebhookState, position: string, attempt: WebhookAttempt): WebhookState {
    const { epoch } = state;
    if (attempt.ok) return { cursor: position, failures: 0, epoch };
    const failures = state.failures + 1;
    const now = this.clock.now();
    if (failures >= this.config.NODE_WEBHOOK_MAX_FAILURES) {
      return { cursor: state.cursor, failures, epoch, disabledAt: now.toISOString() };
    }
    const delay = backoffDelay(
      failures,
      { baseMs: this.config.NODE_WEBHOOK_BACKOFF_BASE_MS, maxMs: this.config.NODE_WEBHOOK_BACKOFF_MAX_MS },
      this.jitter,
    );
    return { cursor: state.cursor, failures, epoch, retryAt: now.getTime() + delay };
  }

  // One signed POST of the message, in the access log first; a write the log refuses sends nothing.
  private async attempt(
    subscription: StoredSubscription,
    owner: Principal,
    position: string,
    item: ShownItem,
  ): Promise<WebhookAttempt> {
    const webhookId = `${subscription.id}.${item.id}`;
    const at = this.clock.now();
    const base = { id: webhookId, message: item.id, position, at: at.toISOString() };
    const payload: WebhookPayload = {
      type: 'inbox.item',
      timestamp: at.toISOString(),
      data: { subscription: subscription.id, position, item },
    };
    const body = JSON.stringify(payload);
    // The webhook id stands for the request id: each attempt is a hand-out to the key. A failure to
    // record it throws: nothing is sent, and the endpoint is not blamed.
    serveRequest(webhookId, () => this.accessLog.record(owner, 'stream', [item.id]));
    const started = performance.now();
    try {
      const response = await fetch(subscription.endpoint!, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': `borderlink-node/${this.config.NODE_ID}`,
          ...signWebhook(subscription.secret, webhookId, at, body),
        },
        body,
        // A redirect could take the content somewhere its owner never named.
        redirect: 'manual',
        signal: AbortSignal.any([
          AbortSignal.timeout(this.config.NODE_WEBHOOK_TIMEOUT_MS),
          this.closing.signal,
        ]),
      });
      await response.body?.cancel();
      const durationMs = Math.round(performance.now() - started);
      const ok = response.status >= 200 && response.status < 300;
      return {
        ...base,
        status: response.status,
        ok,
        durationMs,
        ...(ok ? {} : { error: `HTTP ${response.status}` }),
      };
    } catch (error) {
      const durationMs = Math.round(performance.now() - started);
      const reason =
        error instanceof Error
          ? error.cause instanceof Error
            ? error.cause.message
            : error.message
          : String(error);
      return { ...base, ok: false, error: reason, durationMs };
    }
  }
}
