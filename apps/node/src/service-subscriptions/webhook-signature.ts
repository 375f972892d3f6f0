import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** The headers of one signed webhook request (Standard Webhooks). */
export interface WebhookHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/** A new endpoint secret: 32 random bytes, `whsec_` and base64, as Standard Webhooks writes them. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/**
 * The Standard Webhooks headers of `payload` sent as `id` at `at`, signed (HMAC-SHA256, `v1,`) with
 * `secret`. The id stays the same on every retry of one message, so a receiver can drop a repeat.
 */
export function signWebhook(secret: string, id: string, at: Date, payload: string): WebhookHeaders {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(id, at, payload),
  };
}
