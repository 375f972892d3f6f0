// Test parties and messages shared by the hub's unit and integration tests.
import { create, type MessageInitShape } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  AlertSchema,
  AlertType,
  Category,
  Certainty,
  DeliveredBatchSchema,
  HandlingCode,
  InformationReliability,
  NoticeKind,
  NoticeSchema,
  Priority,
  ReceiptKind,
  ReceiptSchema,
  ReplySchema,
  Severity,
  SourceReliability,
  Status,
  Tlp,
  TranslationProvenance,
  Urgency,
  encodeMessage,
  ingressSubject,
  type Alert,
  type DeliveredBatch,
  type MessageOf,
  type Notice,
  type Receipt,
  type Reply,
  type SendableKind,
} from '#contracts';
import { RegistryIndex, type Registry, type RegistryNode } from '#registry';
import { NodeSigner, generateNodeKey, sealHeaders, signedFieldsOf } from '#trust';
import { v7 as uuidv7 } from 'uuid';

/** A registry node to be given a fresh key; its name is its id, its organisation its id unless given. */
export type TestNodeSpec = Pick<RegistryNode, 'id' | 'kind' | 'subscriptions'> &
  Partial<Pick<RegistryNode, 'country' | 'organisation'>>;

// Who receives a SALW alert for afghan-border: tj-border (all categories), uz-customs (weapons
// categories) and unodc (salw and drugs everywhere); kg-border and tm-border watch other regions.
const NODES: readonly TestNodeSpec[] = [
  { id: 'hub', kind: 'hub', subscriptions: [] },
  {
    id: 'kz-border',
    kind: 'border',
    country: 'KZ',
    subscriptions: [{ regions: ['central-asia'], categories: ['*'] }],
  },
  {
    id: 'tj-border',
    kind: 'border',
    country: 'TJ',
    subscriptions: [{ regions: ['afghan-border'], categories: ['*'] }],
  },
  {
    id: 'uz-customs',
    kind: 'customs',
    country: 'UZ',
    subscriptions: [{ regions: ['afghan-border'], categories: ['salw', 'ammunition', 'explosives'] }],
  },
  { id: 'unodc', kind: 'partner', subscriptions: [{ regions: ['*'], categories: ['drugs', 'salw'] }] },
  {
    id: 'kg-border',
    kind: 'border',
    country: 'KG',
    subscriptions: [{ regions: ['fergana-valley'], categories: ['*'] }],
  },
  {
    id: 'tm-border',
    kind: 'border',
    country: 'TM',
    subscriptions: [{ regions: ['caspian'], categories: ['*'] }],
  },
];

/** A registry with fresh keys for every node, and the seeds and signers that go with them. */
export interface TestParties {
  registry: Registry;
  index: RegistryIndex;
  seeds: ReadonlyMap<string, string>;
  signer(node: string): NodeSigner;
}

/** Test parties in a registry of `base` and `nodes`, each node with a fresh key. */
export function testParties(base: Omit<Registry, 'nodes'>, nodes: readonly TestNodeSpec[]): TestParties {
  const seeds = new Map<string, string>();
  const registry: Registry = {
    ...base,
    nodes: nodes.map((spec): RegistryNode => {
      const key = generateNodeKey();
      seeds.set(spec.id, key.seed);
      return { organisation: spec.id, ...spec, name: spec.id, publicKeys: [key.publicKey] };
    }),
  };
  const signers = new Map([...seeds].map(([id, seed]) => [id, NodeSigner.fromSeed(seed)]));
  return {
    registry,
    index: new RegistryIndex(registry),
    seeds,
    signer: (node) => {
      const signer = signers.get(node);
      if (!signer) throw new RangeError(`no test party ${node}`);
      return signer;
    },
  };
}

/** The hub's usual test parties: the nodes above, each its own organisation, in Central Asia's regions. */
export function createTestParties(): TestParties {
  return testParties(
    {
      version: 1,
      regions: ['central-asia', 'afghan-border', 'caspian', 'fergana-valley'].map((id) => ({ id, name: id })),
      sections: [
        {
          id: 'tj-af-panj',
          name: 'Panj',
          countries: ['TJ', 'AF'],
          regions: ['afghan-border', 'central-asia'],
        },
      ],
      crossingPoints: [
        {
          id: 'tj-af-nizhny-panj',
          name: 'Nizhny Panj',
          section: 'tj-af-panj',
          location: { lat: 37.2, lon: 68.6 },
        },
      ],
      organisations: NODES.map(({ id }) => ({ id, name: id })),
    },
    NODES,
  );
}

const AMBER: MessageInitShape<typeof AlertSchema>['handling'] = { tlp: Tlp.AMBER, code: HandlingCode.H1 };
// The subscribed community's label: a TLP:AMBER alert reaches only its addressees' organisations.
const GREEN: MessageInitShape<typeof AlertSchema>['handling'] = { tlp: Tlp.GREEN, code: HandlingCode.H1 };
const TEXTS = [
  { language: 'en', provenance: TranslationProvenance.ORIGINAL, headline: 'SALW seizure at Nizhny Panj' },
];

/** A valid TLP:GREEN SALW seizure alert for afghan-border, sent now. */
export function testAlert(sender: string, init: MessageInitShape<typeof AlertSchema> = {}): Alert {
  // A spread of an init over defaults is a valid init; TypeScript cannot see it through the union.
  return create(AlertSchema, {
    id: uuidv7(),
    sender,
    sent: timestampFromDate(new Date()),
    type: AlertType.ALERT,
    status: Status.ACTUAL,
    category: Category.SMALL_ARMS_LIGHT_WEAPONS,
    severity: Severity.SEVERE,
    urgency: Urgency.IMMEDIATE,
    certainty: Certainty.OBSERVED,
    regions: ['afghan-border'],
    texts: TEXTS,
    evaluation: {
      source: SourceReliability.B,
      information: InformationReliability.INFORMATION_RELIABILITY_2,
    },
    handling: GREEN,
    ...init,
  } as MessageInitShape<typeof AlertSchema>);
}

/** A valid information request to `addressees`, sent now. */
export function testNotice(
  sender: string,
  addressees: string[],
  init: MessageInitShape<typeof NoticeSchema> = {},
): Notice {
  return create(NoticeSchema, {
    id: uuidv7(),
    sender,
    sent: timestampFromDate(new Date()),
    kind: NoticeKind.INFORMATION_REQUEST,
    status: Status.ACTUAL,
    priority: Priority.HIGH,
    texts: TEXTS,
    addressees: { nodes: addressees },
    handling: AMBER,
    ...init,
  } as MessageInitShape<typeof NoticeSchema>);
}

/** A valid reply to notice `notice`, sent now. */
export function testReply(
  sender: string,
  notice: string,
  init: MessageInitShape<typeof ReplySchema> = {},
): Reply {
  return create(ReplySchema, {
    id: uuidv7(),
    sender,
    sent: timestampFromDate(new Date()),
    notice,
    texts: TEXTS,
    ...init,
  });
}

/** A valid receipt (DELIVERED unless told) for message `message` from `origin`, sent now. */
/** `sender`'s `delivered` batch (protocol 1.1) for `messages` from `origin`. */
export function testDeliveredBatch(sender: string, messages: string[], origin: string): DeliveredBatch {
  return create(DeliveredBatchSchema, {
    id: uuidv7(),
    sender,
    sent: timestampFromDate(new Date()),
    origin,
    messages,
  });
}

export function testReceipt(
  sender: string,
  message: string,
  origin: string,
  kind: ReceiptKind = ReceiptKind.DELIVERED,
): Receipt {
  return create(ReceiptSchema, {
    id: uuidv7(),
    sender,
    sent: timestampFromDate(new Date()),
    message,
    origin,
    kind,
  });
}

/** A message as a node publishes it on its ingress subject. */
export interface NodeMessage {
  id: string;
  subject: string;
  headers: Record<string, string>;
  body: Uint8Array;
}

/**
 * Encodes and signs `message` the way a node does. `body` replaces the encoded body before signing
 * and `subjectNode` the node of the subject, to build messages the hub must refuse.
 */
export function sealNodeMessage<K extends SendableKind>(
  kind: K,
  message: MessageOf<K>,
  signer: NodeSigner,
  options: { body?: Uint8Array; subjectNode?: string } = {},
): NodeMessage {
  const body = options.body ?? encodeMessage(kind, message);
  return {
    id: message.id,
    subject: ingressSubject(options.subjectNode ?? message.sender, kind),
    headers: sealHeaders(signer, signedFieldsOf(kind, message), body),
    body,
  };
}
