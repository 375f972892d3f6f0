import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { HEADER_SENDER, RejectionReason, decodeMessage } from '#contracts';
import { addNodeKey, revokeNodeKey } from '#registry';
import { NodeSigner, canonicalSentTime, generateNodeKey } from '#trust';
import { createTestParties, sealNodeMessage, testAlert } from '../../test/hub.fixtures.js';
import { testIngress } from '../../test/ingress.fixtures.js';
import { outcomeOf as reasonOf } from './ingress.service.js';

describe('IngressService admission checks', () => {
  it('refuses a node beyond its allowance with RATE_LIMITED and keeps admitting other nodes', async () => {
    const parties = createTestParties();
    const { ingress, publisher } = testIngress(parties, { allowance: 2 });
    const from = (node: string) => sealNodeMessage('alert', testAlert(node), parties.signer(node));
    const outcomes = [];
    for (let sequence = 1; sequence <= 4; sequence++) {
      outcomes.push(reasonOf(await ingress.handle({ ...from('kz-border'), sequence })));
    }
    outcomes.push(reasonOf(await ingress.handle({ ...from('kg-border'), sequence: 5 })));
    expect(outcomes).toEqual(['routed', 'routed', 'RATE_LIMITED', 'RATE_LIMITED', 'routed']);
    const rejections = publisher.published
      .filter((envelope) => envelope.subject === 'bl.out.kz-border.rejection.direct.general')
      .map((envelope) => decodeMessage('rejection', envelope.body).reason);
    expect(rejections).toEqual([RejectionReason.RATE_LIMITED, RejectionReason.RATE_LIMITED]);
  });

  it('refuses a body above HUB_MAX_BODY_BYTES as OVERSIZED', async () => {
    const parties = createTestParties();
    const { ingress } = testIngress(parties, { config: { HUB_MAX_BODY_BYTES: 1_024 } });
    const alert = testAlert('kz-border', {
      texts: [{ language: 'en', headline: 'x'.repeat(150), description: 'y'.repeat(1_000) }],
    });
    const message = sealNodeMessage('alert', alert, parties.signer('kz-border'));
    expect(reasonOf(await ingress.decide({ ...message, sequence: 1 }))).toBe('OVERSIZED');
  });

  it('refuses a message whose signed header came twice as MALFORMED', async () => {
    const parties = createTestParties();
    const { ingress } = testIngress(parties);
    const message = sealNodeMessage('alert', testAlert('kz-border'), parties.signer('kz-border'));
    const decision = await ingress.decide({ ...message, sequence: 1, repeatedHeaders: [HEADER_SENDER] });
    expect(reasonOf(decision)).toBe('MALFORMED');
    // A repeated header the hub neither reads nor passes on is harmless.
    expect(reasonOf(await ingress.decide({ ...message, sequence: 1, repeatedHeaders: ['X-Trace'] }))).toBe(
      'routed',
    );
  });

  it('refuses what a revoked key signed after its revocation and accepts what it signed before', async () => {
    const parties = createTestParties();
    const key = generateNodeKey();
    const signer = NodeSigner.fromSeed(key.seed);
    const revokedAt = new Date(Date.now() - 60 * 60 * 1000);
    parties.index.replace(
      revokeNodeKey(
        addNodeKey(parties.registry, 'kz-border', key.publicKey),
        'kz-border',
        key.publicKey,
        canonicalSentTime(revokedAt),
      ),
    );
    const { ingress } = testIngress(parties);
    const sentAt = (time: number) =>
      sealNodeMessage('alert', testAlert('kz-border', { sent: timestampFromDate(new Date(time)) }), signer);
    expect(reasonOf(await ingress.decide({ ...sentAt(revokedAt.getTime() - 1), sequence: 1 }))).toBe(
      'routed',
    );
    expect(reasonOf(await ingress.decide({ ...sentAt(revokedAt.getTime()), sequence: 2 }))).toBe(
      'KEY_REVOKED',
    );
    expect(reasonOf(await ingress.decide({ ...sentAt(Date.now()), sequence: 3 }))).toBe('KEY_REVOKED');
  });
});
