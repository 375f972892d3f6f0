import { STREAM_INGRESS } from '#contracts';
import { waitFor } from '#testing';
import { storedDeliveries } from './support/deliveries.js';
import { useE2eStack, type E2eStack } from './support/e2e-stack.js';
import {
  EXAMPLE_ALERT,
  publishIngress,
  sealedAlert,
  withForeignSignature,
  type SealedMessage,
} from './support/messages.js';
import { inbox, postJson, sentMessage, type SentMessage } from './support/node-api.js';

const SENDER = 'kz-border';
// Subscribers of the example alert's topic (afghan-border × salw) that would see a wrongly accepted copy.
const WATCHERS = ['tj-border', 'uz-customs', 'unodc'];

describe('refused messages (whole processes)', () => {
  const e2e = useE2eStack([SENDER, ...WATCHERS]);
  let env: E2eStack;
  beforeEach(() => (env = e2e()));

  const ingressCount = async (): Promise<number> =>
    (await env.jsm.streams.info(STREAM_INGRESS)).state.messages;

  // Resolves with the sender's record of `id` once the hub's Rejection has reached it.
  const rejectionSeenBy = (node: string, id: string): Promise<SentMessage> =>
    waitFor(
      async () => {
        const message = await sentMessage(env.url(node), id);
        return message?.status === 'rejected' && message;
      },
      { timeoutMs: 20_000, what: `the rejection of ${id} at ${node}` },
    );

  // Nobody got a copy: not the watchers' inboxes, not the delivery stream for any node.
  const expectNoRecipient = async (message: SealedMessage): Promise<void> => {
    for (const node of [SENDER, ...WATCHERS]) {
      expect((await inbox(env.url(node))).map((item) => item.id)).not.toContain(message.id);
    }
    await expect(storedDeliveries(env, 'alert')).resolves.toBe(0);
  };

  it('answers an invalid alert with 400 and field-level reasons, and publishes nothing', async () => {
    const before = await ingressCount();

    const invalid = await postJson<{ error: string; violations: { field: string; reason: string }[] }>(
      `${env.url(SENDER)}/v1/alerts`,
      { ...EXAMPLE_ALERT, regions: [], texts: [], severity: 'SEVERITY_UNSPECIFIED' },
    );
    const malformed = await postJson<{ error: string; detail: string }>(`${env.url(SENDER)}/v1/alerts`, {
      ...EXAMPLE_ALERT,
      category: 'CATEGORY_CATTLE_RUSTLING',
    });

    expect(invalid.status).toBe(400);
    expect(invalid.body.error).toBe('invalid');
    expect(invalid.body.violations.map((violation) => violation.field)).toEqual(
      expect.arrayContaining(['regions', 'texts', 'severity']),
    );
    expect(invalid.body.violations.every((violation) => violation.reason !== '')).toBe(true);
    expect(malformed).toMatchObject({ status: 400, body: { error: 'malformed' } });
    expect(malformed.body.detail).toContain('category');
    await expect(ingressCount()).resolves.toBe(before);
  }, 30_000);

  it('refuses an alert whose signature does not match it, with a typed Rejection to the node it came from', async () => {
    const signer = await env.signer(SENDER);
    const other = sealedAlert({ subjectNode: SENDER, sender: SENDER, signer });
    const forged = withForeignSignature(sealedAlert({ subjectNode: SENDER, sender: SENDER, signer }), other);

    await publishIngress(env.js, forged);

    const seen = await rejectionSeenBy(SENDER, forged.id);
    expect(seen).toMatchObject({
      id: forged.id,
      status: 'rejected',
      rejection: { reason: 'signature-invalid' },
    });
    expect(seen.recipients).toEqual([]);
    await expectNoRecipient(forged);
  }, 30_000);

  it("refuses an alert on kz-border's subject that claims to come from tj-border, and tells kz-border", async () => {
    // Signed with tj-border's own key: only the subject it came in on gives the forgery away.
    const forged = sealedAlert({
      subjectNode: SENDER,
      sender: 'tj-border',
      signer: await env.signer('tj-border'),
    });

    await publishIngress(env.js, forged);

    const seen = await rejectionSeenBy(SENDER, forged.id);
    expect(seen).toMatchObject({ status: 'rejected', rejection: { reason: 'sender-mismatch' } });
    await expect(sentMessage(env.url('tj-border'), forged.id)).resolves.toBeUndefined();
    await expectNoRecipient(forged);
  }, 30_000);
});
