import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { encodeMessage, ingressSubject, messageFromJson, type Alert } from '#contracts';
import { NodeSigner, sealHeaders, signedFieldsOf } from '#trust';
import { v7 as uuidv7 } from 'uuid';
import { MESSAGE_BYTES } from '../raw/raw-jetstream.js';

/** One signed alert as a node puts it on the wire: subject, protobuf body, Bl-* headers, id. */
export interface SignedAlert {
  id: string;
  subject: string;
  body: Uint8Array;
  headers: Record<string, string>;
  /** Epoch ms of the signed sent time. */
  sentMs: number;
}

/**
 * Builds alerts exactly as a node's outbound path does (encode, sign the header fields with the node's
 * seed, seal the Bl-* headers), from the example alert with one English text padded so that every
 * body is 1 KiB: the hub and recipients do their full work on them, only the HTTP step is skipped.
 */
export class BenchAlertFactory {
  private readonly template: Alert;
  private readonly padding: number;

  constructor(root: string, region: string) {
    const example = JSON.parse(readFileSync(join(root, 'docs', 'examples', 'alert.json'), 'utf8')) as {
      texts: object[];
      items: unknown[];
    };
    // The English text alone, marked original, and the first item keep the body under 1 KiB before padding.
    const text = { ...example.texts[1], provenance: 'TRANSLATION_PROVENANCE_ORIGINAL' };
    this.template = messageFromJson('alert', {
      ...example,
      texts: [text],
      items: example.items.slice(0, 1),
      regions: [region],
    });
    this.padding = Math.max(0, MESSAGE_BYTES - this.encode('probe', 0).body.length);
  }

  /** A fresh alert from `sender`, signed by `signer`, sent now. */
  alert(signer: NodeSigner, sender: string): SignedAlert {
    const { alert, body } = this.encode(sender, this.padding);
    const fields = signedFieldsOf('alert', alert);
    return {
      id: alert.id,
      subject: ingressSubject(sender, 'alert'),
      body,
      headers: sealHeaders(signer, fields, body),
      sentMs: Date.parse(fields.sent),
    };
  }

  private encode(sender: string, padding: number): { alert: Alert; body: Uint8Array } {
    const alert: Alert = { ...this.template, id: uuidv7(), sender, sent: timestampFromDate(new Date()) };
    const text = this.template.texts[0]!;
    alert.texts = [{ ...text, description: text.description + '.'.repeat(padding) }];
    return { alert, body: encodeMessage('alert', alert) };
  }
}
