import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { decodeMessage, encodeMessage, ReceiptKind, ReceiptSchema } from '#contracts';
import { fromPublic } from '@nats-io/nkeys';
import { NodeSigner } from './node-signer.js';
import { sealMessage, signedFieldsOf } from './sealed-message.js';
import { SignatureVerifier } from './signature-verifier.js';
import { signingBytes } from './signing-bytes.js';
import { KAT_PUBLIC_KEY, KAT_RECEIPT, KAT_RECEIPT_MESSAGE, KAT_SEED } from '../test/trust.fixtures.js';

describe('sealMessage', () => {
  const receipt = create(ReceiptSchema, {
    id: KAT_RECEIPT.id,
    sender: KAT_RECEIPT_MESSAGE.sender,
    sent: timestampFromDate(new Date(KAT_RECEIPT_MESSAGE.sent)),
    message: KAT_RECEIPT.message,
    origin: KAT_RECEIPT.origin,
    kind: ReceiptKind.DELIVERED,
  });

  it('seals a receipt into the known-answer body and headers', () => {
    const sealed = sealMessage(NodeSigner.fromSeed(KAT_SEED), 'receipt', receipt);
    expect(Buffer.from(sealed.body).toString('hex')).toBe(KAT_RECEIPT_MESSAGE.bodyHex);
    expect(sealed.headers).toEqual({
      'Bl-Id': KAT_RECEIPT.id,
      'Bl-Type': 'receipt',
      'Bl-Sender': KAT_RECEIPT_MESSAGE.sender,
      'Bl-Sent': KAT_RECEIPT_MESSAGE.sent,
      'Bl-Handling': '',
      'Bl-Correlation': '',
      'Bl-Key': KAT_PUBLIC_KEY,
      'Bl-Signature': KAT_RECEIPT_MESSAGE.signature,
    });
  });

  it("has a signature the nkeys library verifies over the vector's signed bytes", () => {
    const fields = {
      id: KAT_RECEIPT.id,
      type: 'receipt',
      sender: KAT_RECEIPT_MESSAGE.sender,
      sent: KAT_RECEIPT_MESSAGE.sent,
      handling: '',
      correlation: '',
    };
    const bytes = signingBytes(fields, Buffer.from(KAT_RECEIPT_MESSAGE.bodyHex, 'hex'));
    const signature = Buffer.from(KAT_RECEIPT_MESSAGE.signature, 'base64url');
    expect(fromPublic(KAT_PUBLIC_KEY).verify(bytes, signature)).toBe(true);
  });

  it('signs who acted: the same receipt naming another person no longer verifies', () => {
    const signer = NodeSigner.fromSeed(KAT_SEED);
    const verifier = new SignatureVerifier(() => [KAT_PUBLIC_KEY]);
    const sealed = sealMessage(
      signer,
      'receipt',
      create(ReceiptSchema, { ...receipt, actor: 'person:u-17' }),
    );
    const fields = signedFieldsOf('receipt', decodeMessage('receipt', sealed.body));
    const signature = sealed.headers['Bl-Signature'];
    expect(verifier.verify(fields, sealed.body, signature).ok).toBe(true);

    const reassigned = decodeMessage('receipt', sealed.body);
    reassigned.actor = 'person:u-18';
    const forged = encodeMessage('receipt', reassigned);
    expect(verifier.verify(fields, forged, signature)).toMatchObject({ ok: false });
  });
});
