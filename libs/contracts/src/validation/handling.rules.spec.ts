import { create } from '@bufbuild/protobuf';
import { AddresseesSchema, HandlingCode, Pap, Tlp } from '../gen/borderlink/v1/common_pb.js';
import { fixtureContext, validAlert, validNotice, validReply } from '../../test/message.fixtures.js';
import { validateMessage } from './validate-message.js';

const violationsOf = (alert: ReturnType<typeof validAlert>) =>
  validateMessage('alert', alert, fixtureContext());

function alertWith(handling: { tlp?: Tlp; code?: HandlingCode; restrictions?: string; pap?: Pap }) {
  const alert = validAlert();
  alert.handling = { ...alert.handling!, tlp: 0, code: 0, pap: 0, ...handling };
  return alert;
}

describe('handling', () => {
  it('requires handling on alerts and notices, not on replies', () => {
    const alert = validAlert();
    alert.handling = undefined;
    expect(violationsOf(alert)).toEqual([{ field: 'handling', reason: 'is required' }]);
    const notice = validNotice();
    notice.handling = undefined;
    expect(validateMessage('notice', notice, fixtureContext())).toEqual([
      { field: 'handling', reason: 'is required' },
    ]);
    expect(validateMessage('reply', validReply(), fixtureContext())).toEqual([]);
  });

  it('requires a TLP label and a handling code; PAP is optional', () => {
    expect(violationsOf(alertWith({}))).toEqual([
      { field: 'handling.tlp', reason: 'is required' },
      { field: 'handling.code', reason: 'is required' },
    ]);
    expect(violationsOf(alertWith({ tlp: Tlp.CLEAR, code: HandlingCode.H1 }))).toEqual([]);
    expect(violationsOf(alertWith({ tlp: Tlp.CLEAR, code: HandlingCode.H1, pap: 7 as Pap }))).toEqual([
      { field: 'handling.pap', reason: 'unknown Pap value 7' },
    ]);
  });

  it('requires the restrictions of handling code H3, at most 500 characters', () => {
    expect(violationsOf(alertWith({ tlp: Tlp.GREEN, code: HandlingCode.H3 }))).toEqual([
      { field: 'handling.restrictions', reason: 'is required' },
    ]);
    expect(
      violationsOf(
        alertWith({ tlp: Tlp.GREEN, code: HandlingCode.H3, restrictions: 'Not for use in court.' }),
      ),
    ).toEqual([]);
    expect(
      violationsOf(alertWith({ tlp: Tlp.GREEN, code: HandlingCode.H3, restrictions: 'x'.repeat(501) })),
    ).toEqual([{ field: 'handling.restrictions', reason: 'must be at most 500 characters' }]);
  });

  it.each([
    [Tlp.RED, 'TLP:RED'],
    [Tlp.AMBER_STRICT, 'TLP:AMBER+STRICT'],
  ])('requires explicit addressees for TLP %i (%s)', (tlp, label) => {
    const alert = alertWith({ tlp, code: HandlingCode.H2 });
    expect(violationsOf(alert)).toEqual([
      { field: 'addressees', reason: `must name at least one node or group for ${label}` },
    ]);
    alert.addressees = create(AddresseesSchema, { groups: ['op-panj'] });
    expect(violationsOf(alert)).toEqual([]);
  });

  it('lets TLP:AMBER go out on region topics without addressees', () => {
    expect(violationsOf(alertWith({ tlp: Tlp.AMBER, code: HandlingCode.H2 }))).toEqual([]);
  });
});

describe('addressees', () => {
  const addressed = (nodes: string[], groups: string[] = []) => {
    const alert = validAlert();
    alert.addressees = create(AddresseesSchema, { nodes, groups });
    return violationsOf(alert);
  };

  it('accepts known nodes and well-formed groups', () => {
    expect(addressed(['uz-border', 'unodc'], ['op-panj-2025'])).toEqual([]);
  });

  it('refuses unknown, malformed and repeated nodes, and the sender itself', () => {
    expect(addressed(['uz-border', 'xx-police', 'UZ', 'uz-border', 'tj-border'])).toEqual([
      { field: 'addressees.nodes[1]', reason: "unknown node 'xx-police'" },
      { field: 'addressees.nodes[2]', reason: "must be a node id of lowercase letters, digits and '-'" },
      { field: 'addressees.nodes[3]', reason: 'duplicates addressees.nodes[0]' },
      { field: 'addressees.nodes[4]', reason: 'must not be the sender' },
    ]);
  });

  it('refuses malformed and repeated groups', () => {
    expect(addressed([], ['op panj', 'op-a', 'op-a', ''])).toEqual([
      { field: 'addressees.groups[0]', reason: "must be a group id of lowercase letters, digits and '-'" },
      { field: 'addressees.groups[3]', reason: 'is required' },
      { field: 'addressees.groups[2]', reason: 'duplicates addressees.groups[1]' },
    ]);
  });

  it('bounds the number of addressed nodes and groups', () => {
    const groups = Array.from({ length: 17 }, (_, i) => `group-${i}`);
    expect(addressed([], groups)).toEqual([
      { field: 'addressees.groups', reason: 'must have at most 16 entries' },
    ]);
  });

  it('requires at least one addressee on a notice', () => {
    const notice = validNotice();
    notice.addressees = undefined;
    expect(validateMessage('notice', notice, fixtureContext())).toEqual([
      { field: 'addressees', reason: 'must name at least one node or group' },
    ]);
  });
});
