import { Controller, UseFilters } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { JETSTREAM_TRANSPORT, JetStreamContext, JetStreamErrorFilter } from '#messaging';
import { MetricsService } from '#runtime';
import { INGRESS_PATTERN } from './ingress.consumer.js';
import { IngressMetrics } from './ingress.metrics.js';
import { IngressService } from './ingress.service.js';

/** Headers of the raw message that carry more than one value (the context keeps only the first). */
function repeatedHeaders(ctx: JetStreamContext): string[] {
  const [msg] = ctx.getArgs();
  const headers = msg.headers;
  if (headers === undefined) return [];
  return headers.keys().filter((name) => headers.values(name).length > 1);
}

/** Transport edge of the ingress stream: hands each message to the pipeline and times it. */
// The filter keeps the real failure reason for retry logs and dead-letter records.
@Controller()
@UseFilters(new JetStreamErrorFilter())
export class IngressHandler {
  constructor(
    private readonly ingress: IngressService,
    private readonly metrics: MetricsService,
    private readonly ingressMetrics: IngressMetrics,
  ) {}

  // Explicit `string` selects the untyped overload: the typed one wants `unknown` extra arguments.
  /** Resolves once the decision is carried out (then the message is acked); throws to have it retried. */
  @EventPattern<string>(INGRESS_PATTERN, JETSTREAM_TRANSPORT)
  async handle(@Payload() body: Uint8Array, @Ctx() ctx: JetStreamContext): Promise<void> {
    const stop = this.metrics.handlerSeconds.startTimer({ handler: INGRESS_PATTERN });
    try {
      const decision = await this.ingress.handle({
        subject: ctx.subject,
        headers: ctx.headers(),
        body,
        sequence: ctx.streamSequence,
        repeatedHeaders: repeatedHeaders(ctx),
      });
      if (decision.outcome === 'dropped') this.ingressMetrics.recordDropped('missing-signed-headers');
    } finally {
      stop();
    }
  }
}
