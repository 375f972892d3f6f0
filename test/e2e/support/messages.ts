// Message bodies for the end-to-end tests, from the README's example alert, and signed NATS
// publishes that bypass a node (as a misbehaving or forging client would).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { JetStreamClient } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/transport-node';
import { v7 as uuidv7 } from 'uuid';
import { HEADER_SIGNATURE, encodeMessage, ingressSubject, messageFromJson } from '#contracts';
import { canonicalSentTime, formatHandling, sealHeaders, type NodeSigner } from '#trust';
import { ROOT } from './e2e-stack.js';

/** docs/examples/alert.json: the SALW seizure on the Afghan border of the README's walkthrough. */
export const EXAMPLE_ALERT = JSON.parse(
  readFileSync(join(ROOT, 'docs', 'examples', 'alert.json'), 'utf8'),
) as Record<string, unknown>;

/**
 * The example alert moved to the Port of Aktau on the Caspian (region `caspian`, still SALW): a
 * topic with fewer subscribers, for the tests that send a thousand alerts. `serial` makes each one
 * distinct, down to its weapons' serial numbers (so that no two seizures match at the recipients).
 */
export function caspianAlert(serial: number): Record<string, unknown> {
  const items = EXAMPLE_ALERT.items as { weapon?: Record<string, unknown> }[];
  return {
    ...EXAMPLE_ALERT,
    incident: `aktau-e2e-${serial}`,
    items: items.map((item, i) =>
      item.weapon === undefined ? item : { weapon: { ...item.weapon, serialNumber: `AKT ${serial}-${i}` } },
    ),
    regions: ['caspian'],
    area: {
      description: `Container ${serial} in the Port of Aktau`,
      borderSections: ['kz-caspian'],
      crossingPoints: ['aktau-port'],
    },
  };
}

/** A signed alert as a node would publish it, ready to be altered before `publishIngress`. */
export interface SealedMessage {
  id: string;
  subject: string;
  body: Uint8Array;
  headers: Record<string, string>;
}

/**
 * The example alert from `sender`, signed by `signer`, on the ingress subject of `subjectNode`
 * (normally the sender itself: a node may publish only on its own subject).
 */
export function sealedAlert(options: {
  subjectNode: string;
  sender: string;
  signer: NodeSigner;
}): SealedMessage {
  const sent = new Date();
  const alert = messageFromJson('alert', EXAMPLE_ALERT);
  alert.id = uuidv7();
  alert.sender = options.sender;
  alert.sent = timestampFromDate(sent);
  const body = encodeMessage('alert', alert);
  const headers = sealHeaders(
    options.signer,
    {
      id: alert.id,
      type: 'alert',
      sender: alert.sender,
      sent: canonicalSentTime(sent),
      handling: formatHandling(alert.handling),
      correlation: alert.incident,
    },
    body,
  );
  return { id: alert.id, subject: ingressSubject(options.subjectNode, 'alert'), body, headers };
}

/** The same message with a signature that does not match it (made over another message's bytes). */
export function withForeignSignature(message: SealedMessage, other: SealedMessage): SealedMessage {
  return {
    ...message,
    headers: { ...message.headers, [HEADER_SIGNATURE]: other.headers[HEADER_SIGNATURE]! },
  };
}

/** Publishes straight into the ingress stream, with the message id as `Nats-Msg-Id`. */
export async function publishIngress(js: JetStreamClient, message: SealedMessage): Promise<void> {
  const headers = natsHeaders();
  for (const [name, value] of Object.entries(message.headers)) headers.set(name, value);
  await js.publish(message.subject, message.body, { msgID: message.id, headers });
}
