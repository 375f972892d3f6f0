import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { MessageInitShape } from '@bufbuild/protobuf';
import {
  AuditEntrySchema,
  AuditEvent,
  NoticeKind,
  Priority,
  ReleaseSchema,
  type AuditEntry,
  type Release,
} from '#contracts';
import { followUpId } from '../delivery/delivery.service.js';
import { HubStateFold } from './hub-state-plan.js';

const AT = new Date('2026-03-14T08:30:00.000Z');
const MSG = '0195940a-7b1c-7cc3-9f4e-3d1f6a2b8c01';
const RECEIPT = '0195940a-7b1c-7cc3-9f4e-3d1f6a2b8c02';
const REQUEST = '0195940a-7b1c-7cc3-9f4e-3d1f6a2b8c03';
const DECISION = '0195940a-7b1c-7cc3-9f4e-3d1f6a2b8c04';

// An information request from kz-border, due an hour after it was sent.
const TRACKED = {
  id: REQUEST,
  requester: 'kz-border',
  kind: NoticeKind.INFORMATION_REQUEST,
  priority: Priority.HIGH,
  sent: AT.getTime(),
  deadline: AT.getTime() + 3_600_000,
};

function entry(event: AuditEvent, fields: MessageInitShape<typeof AuditEntrySchema>): AuditEntry {
  return create(AuditEntrySchema, { event, at: timestampFromDate(AT), ...fields });
}

function release(id: string, sender: string, step: Release['step']): Release {
  return create(ReleaseSchema, { id, sender, message: MSG, origin: 'kz-border', to: 'tj-customs', step });
}

function accepted(fold: HubStateFold, id: string, origin: string, kind: string, recipients: string[]) {
  fold.addAudit({
    entry: entry(AuditEvent.ACCEPTED, { message: id, kind, origin, recipients }),
    msgId: `${id}:accepted`,
  });
}

describe('HubStateFold', () => {
  it('restores an accepted message with the ingress sequence that carried it, and its route', () => {
    const fold = new HubStateFold();
    accepted(fold, MSG, 'kz-border', 'alert', ['tj-border', 'unodc']);
    fold.addIngress({ sequence: 7, node: 'kz-border', id: MSG });

    const plan = fold.plan();

    expect(plan.acceptedIds.get(MSG)).toEqual({ value: 7, at: AT.getTime() });
    expect(plan.routes.get(MSG)?.value).toEqual({
      origin: 'kz-border',
      kind: 'alert',
      recipients: ['tj-border', 'unodc'],
      sequence: 7,
    });
  });

  it('takes the first ingress message of the origin carrying the id, not a later replay or another node', () => {
    const fold = new HubStateFold();
    fold.addIngress({ sequence: 3, node: 'tj-border', id: MSG });
    fold.addIngress({ sequence: 5, node: 'kz-border', id: MSG });
    fold.addIngress({ sequence: 9, node: 'kz-border', id: MSG });
    accepted(fold, MSG, 'kz-border', 'alert', ['unodc']);

    expect(fold.plan().acceptedIds.get(MSG)?.value).toBe(5);
  });

  it('restores a receipt id as accepted from its audit ref, sent by the receipt issuer', () => {
    const fold = new HubStateFold();
    fold.addAudit({
      entry: entry(AuditEvent.DELIVERED, {
        message: MSG,
        kind: 'receipt',
        origin: 'kz-border',
        recipients: ['unodc'],
      }),
      msgId: `${RECEIPT}:delivered`,
    });
    fold.addIngress({ sequence: 12, node: 'unodc', id: RECEIPT });

    const plan = fold.plan();

    expect(plan.acceptedIds.get(RECEIPT)?.value).toBe(12);
    expect(plan.routes.has(MSG)).toBe(false);
  });

  it('adds the node a message was released to, once', () => {
    const fold = new HubStateFold();
    accepted(fold, MSG, 'kz-border', 'alert', ['unodc']);
    const released = entry(AuditEvent.RELEASED, {
      message: MSG,
      origin: 'kz-border',
      recipients: ['tj-customs'],
    });
    fold.addAudit({ entry: released, msgId: `${DECISION}:released` });
    fold.addAudit({ entry: released, msgId: `${DECISION}:released` });

    expect(fold.plan().routes.get(MSG)?.value.recipients).toEqual(['unodc', 'tj-customs']);
  });

  it('restores an accepted release request with the decision that answered it', () => {
    const fold = new HubStateFold();
    const request = release(REQUEST, 'unodc', {
      case: 'request',
      value: { reason: 'needed' },
    } as Release['step']);
    const decision = release(DECISION, 'kz-border', {
      case: 'decision',
      value: { request: REQUEST, requester: 'unodc', approved: true },
    } as Release['step']);
    accepted(fold, REQUEST, 'unodc', 'release', ['kz-border']);
    accepted(fold, DECISION, 'kz-border', 'release', ['unodc']);
    fold.addIngress({ sequence: 20, node: 'unodc', id: REQUEST, release: request });
    fold.addIngress({ sequence: 21, node: 'kz-border', id: DECISION, release: decision });

    expect(fold.plan().releaseRequests.get(REQUEST)?.value).toEqual({
      message: MSG,
      origin: 'kz-border',
      requester: 'unodc',
      to: 'tj-customs',
      decision: DECISION,
    });
  });

  it('ignores a release the hub refused', () => {
    const fold = new HubStateFold();
    const request = release(REQUEST, 'unodc', {
      case: 'request',
      value: { reason: 'needed' },
    } as Release['step']);
    fold.addIngress({ sequence: 20, node: 'unodc', id: REQUEST, release: request });

    expect(fold.plan().releaseRequests.size).toBe(0);
  });

  it("restores a request with its addressees' answers and only the follow-ups not yet issued", () => {
    const fold = new HubStateFold();
    const ANSWER = '0195940a-7b1c-7cc3-9f4e-3d1f6a2b8c05';
    fold.addIngress({ sequence: 4, node: 'kz-border', id: REQUEST, request: TRACKED });
    accepted(fold, REQUEST, 'kz-border', 'notice', ['tj-border', 'uz-border', 'unodc']);
    // uz-border acknowledged, tj-border answered, unodc said nothing and was reminded once.
    fold.addAudit({
      entry: entry(AuditEvent.ACKNOWLEDGED, { message: REQUEST, kind: 'receipt', recipients: ['uz-border'] }),
      msgId: `${RECEIPT}:acknowledged`,
    });
    fold.addIngress({ sequence: 6, node: 'tj-border', id: ANSWER, answers: REQUEST });
    accepted(fold, ANSWER, 'tj-border', 'reply', ['kz-border']);
    const reminded = followUpId(REQUEST, 'unodc', 'overdue');
    fold.addAudit({
      entry: entry(AuditEvent.REMINDED, {
        message: REQUEST,
        kind: 'reminder',
        recipients: ['unodc', 'kz-border'],
      }),
      msgId: `${reminded}:reminded`,
    });

    const rebuilt = fold.plan().requests.get(REQUEST);
    expect(rebuilt?.request).toEqual(TRACKED);
    expect(Object.fromEntries(rebuilt?.answers ?? [])).toEqual({
      'tj-border': 'answered',
      'uz-border': 'acknowledged',
      unodc: 'open',
    });
    expect(rebuilt?.pending).toEqual([
      { addressee: 'uz-border', stage: 'overdue' },
      { addressee: 'uz-border', stage: 'escalated' },
      { addressee: 'unodc', stage: 'escalated' },
    ]);
  });

  it('restores no request the hub did not accept from its requester', () => {
    const fold = new HubStateFold();
    fold.addIngress({ sequence: 4, node: 'tj-border', id: REQUEST, request: TRACKED });
    accepted(fold, REQUEST, 'kz-border', 'notice', ['tj-border']);
    expect(fold.plan().requests.size).toBe(0);
  });
});
