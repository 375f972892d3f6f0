import { Injectable } from '@nestjs/common';
import { STREAM_AUDIT } from '#contracts';
import { NatsConnectionService } from '#messaging';
import { verifyAuditChainOutcome, type VerifiedCheckpoint } from '#operations';
import { MetricsService } from '#runtime';
import { Gauge } from 'prom-client';
import { ConsoleConfig } from '../config/console.config.js';
import { Clock } from '../core/clock.js';

/** A checkpoint the verification passed: its chain position (also as `sequence`), time and signer. */
export interface CheckpointView {
  position: number;
  /** The same as `position`: the BL_AUDIT sequence it is stored at. */
  sequence: number;
  at: string;
  signer: string;
}

/** What one verification of the whole chain found, and when it ran. */
export interface VerificationView {
  ok: boolean;
  checked: number;
  lastCheckpoint: CheckpointView | null;
  failure?: { reason: string; detail: string; position: number };
  at: string;
}

export interface AuditView {
  /** The newest checkpoint the last verification passed. */
  lastCheckpoint: CheckpointView | null;
  lastVerification: VerificationView | null;
}

const checkpointView = (checkpoint: VerifiedCheckpoint | undefined): CheckpointView | null =>
  checkpoint === undefined
    ? null
    : {
        position: checkpoint.position,
        sequence: checkpoint.position,
        at: checkpoint.at.toISOString(),
        signer: checkpoint.signer,
      };

/**
 * The audit chain's verification (#operations, as `borderlink audit verify` without witnesses) on an
 * operator's request, one at a time, its last result kept in memory and exported as metrics.
 */
@Injectable()
export class AuditService {
  private last: VerificationView | null = null;
  private running: Promise<VerificationView> | undefined;
  private readonly verified: Gauge;
  private readonly verifiedAt: Gauge;

  constructor(
    private readonly nats: NatsConnectionService,
    private readonly config: ConsoleConfig,
    private readonly clock: Clock,
    metrics: MetricsService,
  ) {
    const registers = [metrics.registry];
    this.verified = new Gauge({
      name: 'bl_audit_verified',
      help: "1 when the console's last verification of the audit chain passed, 0 when it found a break.",
      registers,
    });
    this.verifiedAt = new Gauge({
      name: 'bl_audit_last_verification_timestamp_seconds',
      help: 'When the console last verified the audit chain (Unix time).',
      registers,
    });
  }

  state(): AuditView {
    return { lastCheckpoint: this.last?.lastCheckpoint ?? null, lastVerification: this.last };
  }

  /** Verifies the chain now; a verification already running is joined rather than started again. */
  verify(): Promise<VerificationView> {
    this.running ??= this.run().finally(() => (this.running = undefined));
    return this.running;
  }

  private async run(): Promise<VerificationView> {
    const outcome = await verifyAuditChainOutcome({
      connection: this.nats.connection,
      stream: STREAM_AUDIT,
      registry: this.config.REGISTRY_FILE,
    });
    const at = this.clock.now();
    const view: VerificationView = {
      ok: outcome.ok,
      checked: outcome.checked,
      lastCheckpoint: checkpointView(outcome.lastCheckpoint),
      ...(outcome.failure === undefined ? {} : { failure: outcome.failure }),
      at: at.toISOString(),
    };
    this.last = view;
    this.verified.set(view.ok ? 1 : 0);
    this.verifiedAt.set(at.getTime() / 1000);
    return view;
  }
}
