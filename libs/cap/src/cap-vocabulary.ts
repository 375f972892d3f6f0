// The words CAP 1.2 and Borderlink share, in both directions, and Borderlink's own names inside a CAP
// document. Changing one changes what partners' CAP documents mean: announce it in docs/protocol.md.
import {
  AlertType,
  Category,
  Certainty,
  HandlingCode,
  Pap,
  Severity,
  Status,
  Tlp,
  Urgency,
} from '#contracts';

/** A two-way table between CAP's word and Borderlink's enum value. */
export class Vocabulary<T> {
  private readonly back: Map<T, string>;

  constructor(private readonly forth: ReadonlyMap<string, T>) {
    this.back = new Map([...forth].map(([word, value]) => [value, word]));
  }

  value(word: string): T | undefined {
    return this.forth.get(word);
  }

  word(value: T): string | undefined {
    return this.back.get(value);
  }

  words(): string[] {
    return [...this.forth.keys()];
  }
}

export const STATUS = new Vocabulary(
  new Map([
    ['Actual', Status.ACTUAL],
    ['Exercise', Status.EXERCISE],
    ['System', Status.SYSTEM],
    ['Test', Status.TEST],
  ]),
);

export const MSG_TYPE = new Vocabulary(
  new Map([
    ['Alert', AlertType.ALERT],
    ['Update', AlertType.UPDATE],
    ['Cancel', AlertType.CANCEL],
  ]),
);

export const URGENCY = new Vocabulary(
  new Map([
    ['Immediate', Urgency.IMMEDIATE],
    ['Expected', Urgency.EXPECTED],
    ['Future', Urgency.FUTURE],
    ['Past', Urgency.PAST],
    ['Unknown', Urgency.UNKNOWN],
  ]),
);

export const SEVERITY = new Vocabulary(
  new Map([
    ['Extreme', Severity.EXTREME],
    ['Severe', Severity.SEVERE],
    ['Moderate', Severity.MODERATE],
    ['Minor', Severity.MINOR],
    ['Unknown', Severity.UNKNOWN],
  ]),
);

export const CERTAINTY = new Vocabulary(
  new Map([
    ['Observed', Certainty.OBSERVED],
    ['Likely', Certainty.LIKELY],
    ['Possible', Certainty.POSSIBLE],
    ['Unlikely', Certainty.UNLIKELY],
    ['Unknown', Certainty.UNKNOWN],
  ]),
);

/** TLP 2.0 labels as FIRST writes them, carried in a CAP `restriction`. */
export const TLP = new Vocabulary(
  new Map([
    ['TLP:CLEAR', Tlp.CLEAR],
    ['TLP:GREEN', Tlp.GREEN],
    ['TLP:AMBER', Tlp.AMBER],
    ['TLP:AMBER+STRICT', Tlp.AMBER_STRICT],
    ['TLP:RED', Tlp.RED],
  ]),
);

export const PAP = new Vocabulary(
  new Map([
    ['PAP:CLEAR', Pap.CLEAR],
    ['PAP:GREEN', Pap.GREEN],
    ['PAP:AMBER', Pap.AMBER],
    ['PAP:RED', Pap.RED],
  ]),
);

export const HANDLING_CODE = new Vocabulary(
  new Map([
    ['SIENA:H0', HandlingCode.H0],
    ['SIENA:H1', HandlingCode.H1],
    ['SIENA:H2', HandlingCode.H2],
    ['SIENA:H3', HandlingCode.H3],
  ]),
);

/** Borderlink categories by their enum names without prefix (SMALL_ARMS_LIGHT_WEAPONS, …). */
export const CATEGORY = new Vocabulary<Category>(
  new Map([
    ['SMALL_ARMS_LIGHT_WEAPONS', Category.SMALL_ARMS_LIGHT_WEAPONS],
    ['AMMUNITION', Category.AMMUNITION],
    ['EXPLOSIVES', Category.EXPLOSIVES],
    ['TERRORISM', Category.TERRORISM],
    ['DRUG_TRAFFICKING', Category.DRUG_TRAFFICKING],
    ['HUMAN_TRAFFICKING', Category.HUMAN_TRAFFICKING],
    ['MIGRANT_SMUGGLING', Category.MIGRANT_SMUGGLING],
    ['DOCUMENT_FRAUD', Category.DOCUMENT_FRAUD],
    ['WANTED_PERSON', Category.WANTED_PERSON],
    ['OTHER', Category.OTHER],
  ]),
);

/** The CAP category a Borderlink alert exports with: its threats are all law enforcement's. */
export const EXPORT_CAP_CATEGORY = 'Security';

/**
 * Borderlink's own CAP parameters (`valueName`), which an export writes and an import reads back
 * instead of keeping them among the document's parameters.
 */
export const PARAMETER = Object.freeze({
  category: 'borderlink:category',
  evaluation: 'borderlink:evaluation',
  regions: 'borderlink:regions',
});

/** Geocodes naming registry places (`valueName`); an import puts them in the alert's area. */
export const GEOCODE = Object.freeze({
  section: 'borderlink:section',
  crossingPoint: 'borderlink:crossing-point',
});

/** An address naming a closed user group rather than a node (`group:<id>`). */
export const GROUP_ADDRESS_PREFIX = 'group:';

/** The CAP sender a node's own alerts export with (`borderlink:<node>`); their identifier is the id. */
export const SENDER_PREFIX = 'borderlink:';
