import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { generateWebhookSecret, signWebhook } from './webhook-signature.js';

describe('signWebhook', () => {
  // Standard Webhooks' verify checks the timestamp against the real clock (five minutes either way).
  const at = new Date();
  const payload = JSON.stringify({ type: 'inbox.item', data: { id: 'a1' } });

  it("gives headers the Standard Webhooks library's own verify accepts", () => {
    const secret = generateWebhookSecret();
    const headers = signWebhook(secret, 'sub.a1', at, payload);

    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(headers['webhook-id']).toBe('sub.a1');
    expect(headers['webhook-timestamp']).toBe(String(Math.floor(at.getTime() / 1000)));
    expect(headers['webhook-signature']).toMatch(/^v1,/);
    expect(new Webhook(secret).verify(payload, { ...headers })).toEqual(JSON.parse(payload));
  });

  it('is refused under another secret, or over another body', () => {
    const secret = generateWebhookSecret();
    const headers = signWebhook(secret, 'sub.a1', at, payload);

    expect(() => new Webhook(generateWebhookSecret()).verify(payload, { ...headers })).toThrow(
      WebhookVerificationError,
    );
    expect(() => new Webhook(secret).verify(`${payload} `, { ...headers })).toThrow(WebhookVerificationError);
  });
});
