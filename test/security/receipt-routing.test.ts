// Finding 7: a receipt without a route record was forwarded to whatever origin it named, so a node
// that never received a message could appear as delivered or acknowledged in the origin's view and
// the audit. Receipts are now routed only for messages the hub routed to their sender.
import { AuditEvent, ReceiptKind, RejectionReason, STREAM_DELIVERY, type Receipt } from '#contracts';
import { sealNodeMessage, testAlert, testNotice, testReceipt } from '#hub/testing';
import { v7 as uuidv7 } from 'uuid';
import { auditEntries, expectStillRouting, useHubTestEnv } from './support/harm-checks.js';

const env = useHubTestEnv();

function acknowledged(sender: string, message: string, origin: string): Receipt {
  return testReceipt(sender, message, origin, ReceiptKind.ACKNOWLEDGED);
}

/** The receipts the hub delivered to `origin`'s node. */
async function receiptsTo(origin: string): Promise<number> {
  const messages = await env().stored(STREAM_DELIVERY);
  return messages.filter((message) => message.subject.startsWith(`bl.out.${origin}.receipt.`)).length;
}

describe('receipts the hub did not route to their sender', () => {
  it('refuses an acknowledgement of a message the hub never routed, audits it, and tells the origin nothing', async () => {
    const receipt = acknowledged('tm-border', uuidv7(), 'kz-border');
    await env().send(sealNodeMessage('receipt', receipt, env().parties.signer('tm-border')));

    const rejection = await env().rejectionFor('tm-border', receipt.id);
    expect(rejection.reason).toBe(RejectionReason.UNAUTHORIZED);
    expect(rejection.violations).toEqual([expect.objectContaining({ field: 'message' })]);
    expect(await receiptsTo('kz-border')).toBe(0);
    const audited = (await auditEntries(env())).filter((entry) => entry.message === receipt.id);
    expect(audited.map((entry) => [entry.event, entry.reason])).toEqual([
      [AuditEvent.REJECTED, RejectionReason.UNAUTHORIZED],
    ]);
    expect((await auditEntries(env())).some((entry) => entry.event === AuditEvent.ACKNOWLEDGED)).toBe(false);
    await expectStillRouting(env());
  });

  it("refuses tm-border's acknowledgement of a TLP:AMBER notice kz-border sent to tj-border only", async () => {
    const notice = testNotice('kz-border', ['tj-border']);
    await env().send(sealNodeMessage('notice', notice, env().parties.signer('kz-border')));
    const before = await receiptsTo('kz-border');

    const forged = acknowledged('tm-border', notice.id, 'kz-border');
    await env().send(sealNodeMessage('receipt', forged, env().parties.signer('tm-border')));
    expect((await env().rejectionFor('tm-border', forged.id)).reason).toBe(RejectionReason.UNAUTHORIZED);

    // The true recipient's acknowledgement still goes through, once.
    const genuine = acknowledged('tj-border', notice.id, 'kz-border');
    await env().send(sealNodeMessage('receipt', genuine, env().parties.signer('tj-border')));
    expect(await receiptsTo('kz-border')).toBe(before + 1);
    const acknowledgements = (await auditEntries(env())).filter(
      (entry) => entry.event === AuditEvent.ACKNOWLEDGED && entry.message === notice.id,
    );
    expect(acknowledgements.map((entry) => entry.recipients)).toEqual([['tj-border']]);
    await expectStillRouting(env());
  });

  it('keeps routing the subscribers of an alert after both refusals', async () => {
    const alert = testAlert('kz-border');
    await env().send(sealNodeMessage('alert', alert, env().parties.signer('kz-border')));
    const receipt = acknowledged('tj-border', alert.id, 'kz-border');
    const before = await receiptsTo('kz-border');
    await env().send(sealNodeMessage('receipt', receipt, env().parties.signer('tj-border')));
    expect(await receiptsTo('kz-border')).toBe(before + 1);
  });
});
