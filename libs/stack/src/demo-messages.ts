import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { create, type JsonValue } from '@bufbuild/protobuf';
import {
  AddresseesSchema,
  AlertType,
  AreaSchema,
  Category,
  Certainty,
  CircleSchema,
  EvaluationSchema,
  GeoPointSchema,
  HandlingCode,
  HandlingSchema,
  InformationReliability,
  LocalizedTextSchema,
  Pap,
  Severity,
  SourceReliability,
  Status,
  Tlp,
  TranslationProvenance,
  Urgency,
  categoryToken,
  messageFromJson,
  messageToJson,
  type Alert,
  type Evaluation,
  type LocalizedText,
  type Notice,
} from '#contracts';
import type { BorderSection, CrossingPoint, Registry, RegistryNode } from '#registry';
import { demoEvent, demoWeapon } from './demo-scenarios.js';
import { DemoRandom } from './demo-random.js';

/** The example bodies the stream is varied from (docs/examples/alert.json and notice.json). */
export interface DemoTemplates {
  alert: unknown;
  notice: unknown;
}

/** One message of the demo stream: the REST body to post and a one-line description of it. */
export interface DemoMessage {
  kind: 'alert' | 'notice';
  /** The node that posts it. */
  sender: string;
  /** Protobuf JSON mapping, without id, sender and sent time (the node sets them). */
  body: JsonValue;
  headline: string;
  /** Who it is for: `<region>×<category>` topics, or the addressees. */
  audience: string;
}

/** Reads the example bodies from `dir`. */
export async function loadDemoTemplates(dir: string): Promise<DemoTemplates> {
  const read = async (name: string): Promise<unknown> =>
    JSON.parse(await readFile(join(dir, name), 'utf8')) as unknown;
  return { alert: await read('alert.json'), notice: await read('notice.json') };
}

// One message in this many is a coordination notice; the rest are alerts.
const NOTICE_EVERY = 4;

interface Place {
  point: CrossingPoint;
  section: BorderSection;
}

/**
 * Generates the demo stream: alerts varied from the example alert (sender, place on the registry's
 * border, regions, category, items, severity, handling) and firearms trace requests varied from the
 * example notice, addressed to other running nodes. Every message passes validation; they are marked
 * STATUS_EXERCISE so nobody takes them for real.
 */
export class DemoMessageGenerator {
  private readonly random: DemoRandom;
  private readonly nodes: RegistryNode[];
  private readonly places: Place[];
  private count = 0;

  /**
   * @param nodes the running agency nodes: senders and addressees are drawn from them.
   * @param next a source of numbers in [0, 1), Math.random by default.
   */
  constructor(
    registry: Registry,
    nodes: readonly string[],
    private readonly templates: DemoTemplates,
    next?: () => number,
  ) {
    this.random = new DemoRandom(next);
    this.nodes = nodes.map((id) => {
      const node = registry.nodes.find((candidate) => candidate.id === id);
      if (node === undefined) throw new RangeError(`node ${id} is not in the registry`);
      return node;
    });
    if (this.nodes.length === 0) throw new RangeError('the demo stream needs at least one node');
    const sections = new Map(registry.sections.map((section) => [section.id, section]));
    this.places = registry.crossingPoints.flatMap((point) => {
      const section = sections.get(point.section);
      return section === undefined ? [] : [{ point, section }];
    });
    if (this.places.length === 0) throw new RangeError('the registry has no crossing points');
  }

  /** The next message of the stream. */
  next(): DemoMessage {
    this.count += 1;
    const sender = this.random.pick(this.nodes);
    const others = this.nodes.filter((node) => node.id !== sender.id);
    if (this.count % NOTICE_EVERY === 0 && others.length > 0) return this.notice(sender, others);
    return this.alert(sender);
  }

  private alert(sender: RegistryNode): DemoMessage {
    const event = demoEvent(this.random);
    const { point, section } = this.placeFor(sender);
    const alert: Alert = messageFromJson('alert', this.templates.alert);
    const regions = this.random.chance(0.5) ? section.regions : [section.regions.at(-1)!];
    const headline = `${capitalise(event.what)} at ${point.name}`;
    const center = create(GeoPointSchema, {
      lat: round(point.location.lat + this.random.int(-20, 20) / 1000),
      lon: round(point.location.lon + this.random.int(-20, 20) / 1000),
    });
    Object.assign<Alert, Partial<Alert>>(alert, {
      type: AlertType.ALERT,
      status: Status.EXERCISE,
      incident: '',
      category: event.category,
      severity: this.random.pick([Severity.EXTREME, Severity.SEVERE, Severity.SEVERE, Severity.MODERATE]),
      urgency: this.random.pick([Urgency.IMMEDIATE, Urgency.EXPECTED]),
      certainty: this.random.pick([Certainty.OBSERVED, Certainty.OBSERVED, Certainty.LIKELY]),
      area: create(AreaSchema, {
        description: `${this.random.int(1, 15)} km from ${point.name} (${section.name})`,
        borderSections: [section.id],
        crossingPoints: [point.id],
        points: [center],
        circles: [create(CircleSchema, { center, radiusKm: this.random.int(2, 20) })],
      }),
      regions,
      texts: [englishText(headline, event.details.join('\n'))],
      items: event.items,
      persons: event.persons,
      evaluation: this.evaluation(),
      handling: create(HandlingSchema, {
        tlp: this.random.pick([Tlp.GREEN, Tlp.AMBER]),
        code: this.random.pick([HandlingCode.H0, HandlingCode.H1]),
        pap: Pap.GREEN,
      }),
    });
    const category = categoryToken(event.category);
    return {
      kind: 'alert',
      sender: sender.id,
      body: messageToJson('alert', alert),
      headline,
      audience: regions.map((region) => `${region}×${category}`).join(', '),
    };
  }

  private notice(sender: RegistryNode, others: RegistryNode[]): DemoMessage {
    const weapon = demoWeapon(this.random);
    const { point, section } = this.placeFor(sender);
    const addressees = this.random.sample(others, this.random.int(1, 2)).map((node) => node.id);
    const notice: Notice = messageFromJson('notice', this.templates.notice);
    const headline = `Firearms trace request: ${weapon.model}, serial ${weapon.serialNumber}`;
    if (notice.details.case !== 'trace') throw new RangeError('the example notice is not a trace request');
    const trace = notice.details.value;
    trace.item = weapon;
    trace.circumstances = `Seized ${this.random.int(1, 15)} km from ${point.name} (${section.name}) from persons who crossed the border outside the crossing point.`;
    Object.assign<Notice, Partial<Notice>>(notice, {
      status: Status.EXERCISE,
      category: Category.SMALL_ARMS_LIGHT_WEAPONS,
      regions: [section.regions.at(-1)!],
      texts: [
        englishText(
          headline,
          `We request tracing of a ${weapon.model} (${weapon.calibre}, serial ${weapon.serialNumber}) seized near ${point.name}. ` +
            'Please search your records and iARMS and report the last known legal holder and any transfer, loss or theft record.',
        ),
      ],
      addressees: create(AddresseesSchema, { nodes: addressees }),
      evaluation: this.evaluation(),
    });
    return {
      kind: 'notice',
      sender: sender.id,
      body: messageToJson('notice', notice),
      headline,
      audience: addressees.join(', '),
    };
  }

  // A border service or customs reports from its own country's border; partners from anywhere.
  private placeFor(sender: RegistryNode): Place {
    const own = this.places.filter(
      ({ section }) => sender.country !== undefined && section.countries.includes(sender.country),
    );
    return this.random.pick(own.length > 0 ? own : this.places);
  }

  private evaluation(): Evaluation {
    return create(EvaluationSchema, {
      source: this.random.pick([SourceReliability.A, SourceReliability.B, SourceReliability.C]),
      information: this.random.pick([
        InformationReliability.INFORMATION_RELIABILITY_1,
        InformationReliability.INFORMATION_RELIABILITY_2,
        InformationReliability.INFORMATION_RELIABILITY_3,
      ]),
    });
  }
}

function englishText(headline: string, description: string): LocalizedText {
  return create(LocalizedTextSchema, {
    language: 'en',
    provenance: TranslationProvenance.ORIGINAL,
    headline,
    description,
  });
}

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

// Three decimals, about 100 m: as precise as a demo location needs to be.
const round = (value: number): number => Math.round(value * 1000) / 1000;
