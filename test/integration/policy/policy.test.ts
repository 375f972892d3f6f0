import { create, fromBinary, type MessageInitShape } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  AlertSchema,
  AuditEntrySchema,
  AuditEvent,
  GroupChangeSchema,
  HEADER_ID,
  HEADER_KEY,
  HEADER_SIGNATURE,
  HandlingCode,
  RejectionReason,
  ReleaseSchema,
  STREAM_AUDIT,
  STREAM_DELIVERY,
  Tlp,
  decodeMessage,
  type Alert,
} from '#contracts';
import { SignatureVerifier, readSignedFields } from '#trust';
import { sealNodeMessage, testAlert, testNotice } from '#hub/testing';
import { v7 as uuidv7 } from 'uuid';
import { receiversOf, startHubTestEnv, type HubTestEnv } from '../../support/hub-test-env.js';
import { ORGANISATION_OF_SUBSCRIBER, SUBSCRIBERS, policyParties } from './policy-parties.js';

let env: HubTestEnv;

beforeAll(async () => {
  env = await startHubTestEnv(policyParties());
  await env.startHub();
});

afterAll(async () => {
  await env?.stop();
});

const organisationOf = new Map(ORGANISATION_OF_SUBSCRIBER);

function alert(sender: string, tlp: Tlp, init: MessageInitShape<typeof AlertSchema> = {}): Alert {
  // A spread of an init over defaults is a valid init; TypeScript cannot see it through the union.
  return testAlert(sender, { handling: { tlp, code: HandlingCode.H2 }, ...init } as MessageInitShape<
    typeof AlertSchema
  >);
}

async function sendAlert(sender: string, message: Alert): Promise<string[]> {
  await env.send(sealNodeMessage('alert', message, env.parties.signer(sender)));
  return receiversOf(await env.stored(STREAM_DELIVERY), message.id, 'alert');
}

function release(sender: string, init: MessageInitShape<typeof ReleaseSchema>) {
  return create(ReleaseSchema, { id: uuidv7(), sender, sent: timestampFromDate(new Date()), ...init });
}

function groupChange(
  sender: string,
  group: string,
  change: MessageInitShape<typeof GroupChangeSchema>['change'],
) {
  return create(GroupChangeSchema, {
    id: uuidv7(),
    sender,
    sent: timestampFromDate(new Date()),
    group,
    change,
  });
}

async function rejectionOf(node: string, id: string) {
  return (await env.stored(STREAM_DELIVERY))
    .filter((message) => message.subject === `bl.out.${node}.rejection.direct.general`)
    .map((message) => decodeMessage('rejection', message.data))
    .find((rejection) => rejection.message === id);
}

describe('handling codes as routing policy (hub on NATS with the generated permissions, and Redis)', () => {
  it('delivers a TLP:GREEN alert to all 22 subscribers of its region', async () => {
    expect(await sendAlert('origin', alert('origin', Tlp.GREEN))).toEqual(SUBSCRIBERS);
  });

  it('delivers a TLP:RED alert addressed to two nodes to exactly those two, though 22 subscribe to its region', async () => {
    const message = alert('origin', Tlp.RED, { addressees: { nodes: ['sub-03', 'sub-18'] } });
    expect(await sendAlert('origin', message)).toEqual(['sub-03', 'sub-18']);
  });

  it('keeps a TLP:AMBER+STRICT alert inside the addressed organisations', async () => {
    const message = alert('origin', Tlp.AMBER_STRICT, { addressees: { nodes: ['sub-01', 'sub-07'] } });
    const receivers = await sendAlert('origin', message);
    expect(receivers).toEqual(['sub-01', 'sub-07']);
    expect(new Set(receivers.map((node) => organisationOf.get(node)))).toEqual(new Set(['org-a', 'org-b']));
  });

  it("widens a TLP:AMBER alert only to subscribers within the addressees' need to know", async () => {
    // sub-01 is in org-a, which declares org-c (sub-11 … sub-15) within its need to know.
    const message = alert('origin', Tlp.AMBER, { addressees: { nodes: ['sub-01'] } });
    const receivers = await sendAlert('origin', message);
    expect(new Set(receivers.map((node) => organisationOf.get(node)))).toEqual(new Set(['org-a', 'org-c']));
    expect(receivers).toHaveLength(10);
  });
});

describe('release workflow', () => {
  it('delivers the original, verifiable message to the further node once the originator approves, and audits it', async () => {
    const original = alert('origin', Tlp.RED, { addressees: { nodes: ['sub-03'] } });
    await sendAlert('origin', original);

    const request = release('sub-03', {
      message: original.id,
      origin: 'origin',
      to: 'newcomer',
      step: { case: 'request', value: { reason: 'newcomer traces the weapons' } },
    });
    await env.send(sealNodeMessage('release', request, env.parties.signer('sub-03')));
    expect(receiversOf(await env.stored(STREAM_DELIVERY), request.id, 'release')).toEqual(['origin']);
    expect(receiversOf(await env.stored(STREAM_DELIVERY), original.id, 'alert')).toEqual(['sub-03']);

    const approval = release('origin', {
      message: original.id,
      origin: 'origin',
      to: 'newcomer',
      step: {
        case: 'decision',
        value: { request: request.id, requester: 'sub-03', approved: true, reason: '' },
      },
    });
    await env.send(sealNodeMessage('release', approval, env.parties.signer('origin')));

    const deliveries = await env.stored(STREAM_DELIVERY);
    expect(receiversOf(deliveries, approval.id, 'release')).toEqual(['sub-03']);
    const copy = deliveries.find((message) => message.subject === 'bl.out.newcomer.alert.direct.salw');
    if (!copy) throw new Error('no released copy for newcomer');
    const header = (name: string) => copy.header?.get(name) || undefined;
    const verifier = new SignatureVerifier((node) => env.parties.index.publicKeys(node));
    expect(
      verifier.verify(readSignedFields(header), copy.data, header(HEADER_SIGNATURE), header(HEADER_KEY)),
    ).toEqual({ ok: true, key: env.parties.signer('origin').publicKey });
    expect(decodeMessage('alert', copy.data).id).toBe(original.id);

    const released = (await env.stored(STREAM_AUDIT))
      .map((entry) => fromBinary(AuditEntrySchema, entry.data))
      .filter((entry) => entry.event === AuditEvent.RELEASED && entry.message === original.id);
    expect(released).toEqual([expect.objectContaining({ origin: 'origin', recipients: ['newcomer'] })]);
  });

  it('tells the requester of a refusal and delivers nothing further', async () => {
    const original = alert('origin', Tlp.AMBER_STRICT, { addressees: { nodes: ['sub-04'] } });
    await sendAlert('origin', original);
    const request = release('sub-04', {
      message: original.id,
      origin: 'origin',
      to: 'newcomer',
      step: { case: 'request', value: { reason: '' } },
    });
    await env.send(sealNodeMessage('release', request, env.parties.signer('sub-04')));
    const refusal = release('origin', {
      message: original.id,
      origin: 'origin',
      to: 'newcomer',
      step: {
        case: 'decision',
        value: { request: request.id, requester: 'sub-04', approved: false, reason: 'ongoing case' },
      },
    });
    await env.send(sealNodeMessage('release', refusal, env.parties.signer('origin')));
    const deliveries = await env.stored(STREAM_DELIVERY);
    expect(receiversOf(deliveries, refusal.id, 'release')).toEqual(['sub-04']);
    expect(receiversOf(deliveries, original.id, 'alert')).toEqual(['sub-04']);
  });

  it('refuses a release request from a node that never received the message', async () => {
    const original = alert('origin', Tlp.RED, { addressees: { nodes: ['sub-05'] } });
    await sendAlert('origin', original);
    const request = release('sub-06', {
      message: original.id,
      origin: 'origin',
      to: 'newcomer',
      step: { case: 'request', value: { reason: '' } },
    });
    await env.send(sealNodeMessage('release', request, env.parties.signer('sub-06')));
    expect((await rejectionOf('sub-06', request.id))?.reason).toBe(RejectionReason.UNAUTHORIZED);
    expect(receiversOf(await env.stored(STREAM_DELIVERY), request.id, 'release')).toEqual([]);
  });
});

describe('closed user groups', () => {
  it('delivers nothing sent to the group after a member is removed to that member, and everything to the others', async () => {
    const opening = groupChange('origin', 'op-panj', {
      case: 'create',
      value: { name: 'Operation Panj', members: ['sub-01', 'sub-02', 'sub-03'] },
    });
    await env.send(sealNodeMessage('group', opening, env.parties.signer('origin')));
    expect(receiversOf(await env.stored(STREAM_DELIVERY), opening.id, 'group')).toEqual([
      'sub-01',
      'sub-02',
      'sub-03',
    ]);

    const before = testNotice('origin', [], { addressees: { groups: ['op-panj'] } });
    await env.send(sealNodeMessage('notice', before, env.parties.signer('origin')));
    expect(receiversOf(await env.stored(STREAM_DELIVERY), before.id, 'notice')).toEqual([
      'sub-01',
      'sub-02',
      'sub-03',
    ]);

    const removal = groupChange('origin', 'op-panj', { case: 'remove', value: { node: 'sub-02' } });
    await env.send(sealNodeMessage('group', removal, env.parties.signer('origin')));
    // The removed member is told it is out.
    expect(receiversOf(await env.stored(STREAM_DELIVERY), removal.id, 'group')).toEqual([
      'sub-01',
      'sub-02',
      'sub-03',
    ]);

    const fromOwner = testNotice('origin', [], { addressees: { groups: ['op-panj'] } });
    const fromMember = alert('sub-01', Tlp.RED, { addressees: { groups: ['op-panj'] } });
    await env.send(sealNodeMessage('notice', fromOwner, env.parties.signer('origin')));
    await env.send(sealNodeMessage('alert', fromMember, env.parties.signer('sub-01')));
    const deliveries = await env.stored(STREAM_DELIVERY);
    expect(receiversOf(deliveries, fromOwner.id, 'notice')).toEqual(['sub-01', 'sub-03']);
    expect(receiversOf(deliveries, fromMember.id, 'alert')).toEqual(['origin', 'sub-03']);
    const toRemoved = deliveries
      .filter((message) => message.subject.startsWith('bl.out.sub-02.'))
      .map((message) => message.header?.get(HEADER_ID));
    expect(toRemoved).not.toContain(fromOwner.id);
    expect(toRemoved).not.toContain(fromMember.id);

    const removals = (await env.stored(STREAM_AUDIT))
      .map((entry) => fromBinary(AuditEntrySchema, entry.data))
      .filter((entry) => entry.event === AuditEvent.GROUP_MEMBER_REMOVED && entry.message === 'op-panj');
    expect(removals).toEqual([expect.objectContaining({ origin: 'origin', recipients: ['sub-02'] })]);

    // And the removed member may no longer send to the group.
    const fromRemoved = testNotice('sub-02', [], { addressees: { groups: ['op-panj'] } });
    await env.send(sealNodeMessage('notice', fromRemoved, env.parties.signer('sub-02')));
    expect((await rejectionOf('sub-02', fromRemoved.id))?.reason).toBe(RejectionReason.UNAUTHORIZED);
  });

  it('refuses a change from a node that does not own the group', async () => {
    const opening = groupChange('origin', 'op-caspian', {
      case: 'create',
      value: { name: 'Caspian', members: ['sub-10'] },
    });
    await env.send(sealNodeMessage('group', opening, env.parties.signer('origin')));
    const takeover = groupChange('sub-10', 'op-caspian', { case: 'add', value: { node: 'sub-11' } });
    await env.send(sealNodeMessage('group', takeover, env.parties.signer('sub-10')));
    expect((await rejectionOf('sub-10', takeover.id))?.reason).toBe(RejectionReason.UNAUTHORIZED);
  });
});
