import { Injectable, NotAcceptableException } from '@nestjs/common';
import { asCapViolations, capReferenceOf, CapRefusedError, exportCap, importCap } from '#cap';
import { messageFromJson, messageToJson } from '#contracts';
import type { Principal } from '../access/principal.js';
import { AccessLogService } from '../access-log/access-log.service.js';
import { AlertsService } from '../alerts/alerts.service.js';
import { Clock } from '../common/clock.js';
import { InvalidMessageError, UnknownMessageError } from '../common/common.errors.js';
import { NodeConfig } from '../config/node.config.js';
import { HeldMessages } from '../held/held-messages.service.js';
import type { Submitted } from '../outbox/submitted.js';

/** CAP 1.2 documents in and out: imported as this node's alerts, held alerts written as CAP. */
@Injectable()
export class CapService {
  constructor(
    private readonly config: NodeConfig,
    private readonly clock: Clock,
    private readonly alerts: AlertsService,
    private readonly held: HeldMessages,
    private readonly accessLog: AccessLogService,
  ) {}

  /**
   * Imports the CAP document `xml` and publishes it as this node's alert, sent by `author`, concerning
   * `regions` besides those it names. The document's sender and identifier are kept in the alert's
   * `cap`; the same document imported again is the same alert (a retry).
   * @throws InvalidMessageError with the schema's reasons, each unmappable element's CAP path, or the
   *   broken rules of section 10 named by the CAP elements they concern; and what AlertsService.publish
   *   throws.
   */
  async publish(xml: string, regions: readonly string[], author: Principal): Promise<Submitted> {
    const alert = await importCap(xml, { node: this.config.NODE_ID, now: this.clock.now(), regions }).catch(
      (error: unknown) => {
        if (error instanceof CapRefusedError)
          throw new InvalidMessageError(error.violations, { cause: error });
        throw error;
      },
    );
    return this.alerts.publish(messageToJson('alert', alert), author).catch((error: unknown) => {
      // Borderlink's rules name the alert's fields; the author wrote CAP elements.
      if (error instanceof InvalidMessageError) {
        throw new InvalidMessageError(asCapViolations(error.violations), { cause: error });
      }
      throw error;
    });
  }

  /**
   * Message `id` as a CAP 1.2 document, recorded in the access log (`read`) when this returns.
   * @throws UnknownMessageError when the reader may not see it; NotAcceptableException (406) for a
   *   kind that has no CAP form (only alerts have one).
   */
  async document(id: string, reader: Principal): Promise<string> {
    const held = await this.held.one(id, reader.clearance);
    if (held === undefined) throw new UnknownMessageError(id);
    if (held.kind !== 'alert') {
      throw new NotAcceptableException({ error: 'not-acceptable', reason: `a ${held.kind} has no CAP form` });
    }
    const alert = messageFromJson('alert', held.message);
    // A reference the reader may not see has no triple, and the export says so rather than guess one.
    const referenced = await this.held.read(alert.references, reader.clearance);
    const triples = new Map(
      referenced.map((ref) => [ref.id, capReferenceOf(messageFromJson('alert', ref.message))] as const),
    );
    const xml = exportCap(alert, { referenceOf: (ref) => triples.get(ref) });
    this.accessLog.record(reader, 'read', [id]);
    return xml;
  }
}
