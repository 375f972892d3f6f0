import { Controller, UseFilters } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { JETSTREAM_TRANSPORT, JetStreamErrorFilter, PermanentFailure } from '#messaging';
import { parseConsumerAdvisory } from './consumer-advisory.js';
import { DeadLetterMetrics } from './dead-letter.metrics.js';
import { DEAD_LETTERS_PATTERN } from './dead-letters.consumer.js';
import { InvalidAdvisoryError } from './dead-letters.errors.js';
import { DeadLettersService } from './dead-letters.service.js';

/** Transport edge of the advisories stream: each advisory becomes (at most) one dead-letter record. */
// The filter keeps the real failure reason for retry logs and dead-letter records.
@Controller()
@UseFilters(new JetStreamErrorFilter())
export class DeadLettersHandler {
  constructor(
    private readonly deadLetters: DeadLettersService,
    private readonly metrics: DeadLetterMetrics,
  ) {}

  // Explicit `string` selects the untyped overload: the typed one wants `unknown` extra arguments.
  /** Resolves once the record is stored; throws to have the advisory retried. */
  @EventPattern<string>(DEAD_LETTERS_PATTERN, JETSTREAM_TRANSPORT)
  async handle(@Payload() body: Uint8Array): Promise<void> {
    let advisory;
    try {
      advisory = parseConsumerAdvisory(body);
    } catch (error) {
      if (error instanceof InvalidAdvisoryError) throw new PermanentFailure(error.message, { cause: error });
      throw error;
    }
    const outcome = await this.deadLetters.record(advisory, body);
    if (outcome.written) this.metrics.recordWritten(advisory.stream, advisory.consumer);
  }
}
