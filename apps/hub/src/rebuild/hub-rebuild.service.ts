import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { fromBinary } from '@bufbuild/protobuf';
import type { JsMsg } from '@nats-io/jetstream';
import {
  AuditEntrySchema,
  DecodeError,
  HEADER_ID,
  HEADER_MSG_ID,
  STREAM_AUDIT,
  STREAM_INGRESS,
  decodeMessage,
  parseIngressSubject,
} from '#contracts';
import { NatsConnectionService } from '#messaging';
import { MetricsService, RebuildWatch, LOGGER } from '#runtime';
import type { Logger } from 'pino';
import { ROUTE_RECORDS } from '../routes/routes.keys.js';
import { trackedRequestOf } from '../requests/tracked-request.js';
import { HubStateFold, type IngressFact } from './hub-state-plan.js';
import { HubStateRepository } from './hub-state.repository.js';
import { readStream, type ReadFrom } from './stream-reader.js';

// The second round picks up what the live pipeline stored while the first one read (messages in
// flight when Redis was wiped); after it, the claim gate holds everything back until the marker.
const ROUNDS = 2;

// What the rebuild reads of an ingress message's body: a release, a request to follow up, the message a
// reply answers. A body that does not decode was refused at ingress and carries no state.
function stateOf(kind: string, body: Uint8Array): Pick<IngressFact, 'release' | 'request' | 'answers'> {
  try {
    if (kind === 'release') return { release: decodeMessage('release', body) };
    if (kind === 'notice') {
      const request = trackedRequestOf(decodeMessage('notice', body));
      return request === undefined ? {} : { request };
    }
    if (kind === 'reply') return { answers: decodeMessage('reply', body).notice };
    return {};
  } catch (error) {
    if (error instanceof DecodeError) return {};
    throw error;
  }
}

/**
 * Keeps the hub's Redis state whole: at start and every few seconds it checks the epoch marker, and
 * when it is missing (Redis wiped or new) rebuilds accepted ids, route records and release requests
 * from BL_AUDIT and BL_INGRESS, then writes the marker. Until then the ingress pipeline holds back
 * (HubStateRebuildingError, retried). Rate buckets are not rebuilt: a wipe refills them.
 */
@Injectable()
export class HubRebuildService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly watch: RebuildWatch;

  constructor(
    private readonly nats: NatsConnectionService,
    private readonly state: HubStateRepository,
    metrics: MetricsService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.watch = new RebuildWatch({
      isWhole: () => this.state.epoch.isCurrent(),
      rebuild: () => this.rebuild(),
      rebuilding: metrics.rebuilding,
      onError: (error) => this.logger.error({ err: error }, 'state rebuild failed'),
    });
  }

  // Before the transport pulls ingress, so a fresh hub decides nothing on a wiped state.
  async onApplicationBootstrap(): Promise<void> {
    await this.nats.ready();
    await this.watch.start();
  }

  onApplicationShutdown(): void {
    this.watch.stop();
  }

  private async rebuild(): Promise<void> {
    const now = Date.now();
    this.logger.warn('hub state missing in Redis; rebuilding from JetStream');
    const run = await this.state.epoch.begin();
    // Route records live longest (as long as the ingress stream keeps messages); older facts add nothing.
    const startTime = new Date(now - ROUTE_RECORDS.ttlSeconds * 1000);
    const fold = new HubStateFold();
    let audit: ReadFrom = { startTime };
    let ingress: ReadFrom = { startTime };
    for (let round = 0; round < ROUNDS; round++) {
      const auditEnd = await readStream(this.nats, STREAM_AUDIT, audit, (msg) => this.addAudit(fold, msg));
      const ingressEnd = await readStream(this.nats, STREAM_INGRESS, ingress, (msg) =>
        this.addIngress(fold, msg),
      );
      audit = { afterSequence: auditEnd };
      ingress = { afterSequence: ingressEnd };
    }
    const plan = fold.plan();
    await this.state.restore(plan, now);
    if (!(await this.state.epoch.complete(run, new Date(now)))) {
      this.logger.warn('Redis was wiped again during the rebuild; rebuilding once more');
      return this.rebuild();
    }
    this.logger.warn(
      {
        acceptedIds: plan.acceptedIds.size,
        routes: plan.routes.size,
        releaseRequests: plan.releaseRequests.size,
        requests: plan.requests.size,
        ms: Date.now() - now,
      },
      'hub state rebuilt from JetStream',
    );
  }

  private addAudit(fold: HubStateFold, msg: JsMsg): void {
    fold.addAudit({ entry: fromBinary(AuditEntrySchema, msg.data), msgId: msg.headers?.get(HEADER_MSG_ID) });
  }

  private addIngress(fold: HubStateFold, msg: JsMsg): void {
    const address = parseIngressSubject(msg.subject);
    if (address === undefined) return;
    fold.addIngress({
      sequence: msg.seq,
      node: address.node,
      id: msg.headers?.get(HEADER_ID) || undefined,
      ...stateOf(address.kind, msg.data),
    });
  }
}
