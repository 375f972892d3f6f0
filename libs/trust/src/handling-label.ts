import { HandlingCode, Pap, Tlp, type Handling } from '#contracts';

const TLP_LABELS: Record<Tlp, string> = {
  [Tlp.UNSPECIFIED]: '',
  [Tlp.CLEAR]: 'TLP:CLEAR',
  [Tlp.GREEN]: 'TLP:GREEN',
  [Tlp.AMBER]: 'TLP:AMBER',
  [Tlp.AMBER_STRICT]: 'TLP:AMBER+STRICT',
  [Tlp.RED]: 'TLP:RED',
};

const CODE_LABELS: Record<HandlingCode, string> = {
  [HandlingCode.UNSPECIFIED]: '',
  [HandlingCode.H0]: 'H0',
  [HandlingCode.H1]: 'H1',
  [HandlingCode.H2]: 'H2',
  [HandlingCode.H3]: 'H3',
};

const PAP_LABELS: Record<Pap, string> = {
  [Pap.UNSPECIFIED]: '',
  [Pap.CLEAR]: 'PAP:CLEAR',
  [Pap.GREEN]: 'PAP:GREEN',
  [Pap.AMBER]: 'PAP:AMBER',
  [Pap.RED]: 'PAP:RED',
};

// The label's three positions, in order; each holds one of its own labels or is absent.
const POSITIONS = [TLP_LABELS, CODE_LABELS, PAP_LABELS].map(
  (labels) => new Set(Object.values(labels).filter((label) => label !== '')),
);

function label<E extends number>(labels: Record<E, string>, value: E, what: string): string {
  const text = labels[value];
  if (text === undefined) throw new RangeError(`unknown ${what} value ${value}`);
  return text;
}

/**
 * The `Bl-Handling` label of a message's handling: up to three parts joined by `;`, in this order and each
 * left out when unspecified: the TLP 2.0 label (`TLP:CLEAR`, `TLP:GREEN`, `TLP:AMBER`, `TLP:AMBER+STRICT`,
 * `TLP:RED`), the SIENA handling code (`H0`…`H3`) and the PAP label (`PAP:CLEAR`, `PAP:GREEN`, `PAP:AMBER`,
 * `PAP:RED`); e.g. `TLP:AMBER+STRICT;H3;PAP:GREEN`. Empty string when there is no handling. H3's free-text
 * restrictions are not part of the label (they travel, signed, in the body). Throws RangeError for an enum
 * value outside the contract, which validation refuses first.
 */
export function formatHandling(handling: Handling | undefined): string {
  if (!handling) return '';
  return [
    label(TLP_LABELS, handling.tlp, 'TLP'),
    label(CODE_LABELS, handling.code, 'handling code'),
    label(PAP_LABELS, handling.pap, 'PAP'),
  ]
    .filter((part) => part !== '')
    .join(';');
}

/** True when the text is a label formatHandling can produce (the empty label included). */
export function isHandlingLabel(text: string): boolean {
  if (text === '') return true;
  let position = 0;
  for (const part of text.split(';')) {
    while (position < POSITIONS.length && !POSITIONS[position]!.has(part)) position++;
    if (position === POSITIONS.length) return false;
    position++;
  }
  return true;
}

// TLP 2.0 from the widest audience to the narrowest; no TLP at all counts as the narrowest (fail closed).
const TLP_NARROWNESS: Record<Tlp, number> = {
  [Tlp.CLEAR]: 0,
  [Tlp.GREEN]: 1,
  [Tlp.AMBER]: 2,
  [Tlp.AMBER_STRICT]: 3,
  [Tlp.RED]: 4,
  [Tlp.UNSPECIFIED]: 4,
};

/** True when a message under `tlp` may go no wider than one under `than` (an answer within its original). */
export function isTlpAtLeastAsStrict(tlp: Tlp, than: Tlp): boolean {
  return TLP_NARROWNESS[tlp] >= TLP_NARROWNESS[than];
}
