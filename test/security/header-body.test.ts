// Finding 8: an alert whose signed Bl-Handling said TLP:RED and whose body said TLP:GREEN was routed
// by the body to every subscriber and shown as TLP:RED by the header; the converse showed a RED
// message as GREEN. Every signed header must now equal the body field it restates.
import { AuditEvent, HandlingCode, RejectionReason, Tlp, encodeMessage, type Alert } from '#contracts';
import { sealHeaders, signedFieldsOf, type SignedFields } from '#trust';
import { testAlert } from '#hub/testing';
import { receiversOf } from '../support/hub-test-env.js';
import { auditEntries, expectStillRouting, useHubTestEnv } from './support/harm-checks.js';

const env = useHubTestEnv();

/** `alert` signed by its sender with `change` applied to its signed headers only. */
function signedAgainst(alert: Alert, change: Partial<SignedFields>) {
  const body = encodeMessage('alert', alert);
  const fields = { ...signedFieldsOf('alert', alert), ...change };
  const headers = sealHeaders(env().parties.signer(alert.sender), fields, body);
  return { id: alert.id, subject: `bl.in.${alert.sender}.alert`, headers, body };
}

describe('signed headers that disagree with the body', () => {
  it.each([
    ['a TLP:RED header over a TLP:GREEN body', testAlert('kz-border'), { handling: 'TLP:RED;H1' }],
    [
      'a TLP:GREEN header over a TLP:RED body',
      testAlert('kz-border', {
        handling: { tlp: Tlp.RED, code: HandlingCode.H1 },
        addressees: { nodes: ['tj-border'] },
      }),
      { handling: 'TLP:GREEN;H1' },
    ],
    ['a Bl-Correlation naming another incident', testAlert('kz-border'), { correlation: 'incident-9' }],
    [
      'a Bl-Sent an hour after the body',
      testAlert('kz-border'),
      { sent: new Date(Date.now() + 3_600_000).toISOString() },
    ],
  ])('refuses %s as HEADER_MISMATCH and copies it to nobody', async (_, alert, change) => {
    await env().send(signedAgainst(alert, change));

    expect((await env().rejectionFor('kz-border', alert.id)).reason).toBe(RejectionReason.HEADER_MISMATCH);
    expect(receiversOf(await env().deliveries(), alert.id, 'alert')).toEqual([]);
    const audited = (await auditEntries(env())).filter((entry) => entry.message === alert.id);
    expect(audited.map((entry) => [entry.event, entry.reason])).toEqual([
      [AuditEvent.REJECTED, RejectionReason.HEADER_MISMATCH],
    ]);
    await expectStillRouting(env());
  });
});
