/** The TLP 2.0 labels as the node's API spells them (proto `Tlp`). */
export type Tlp = 'TLP_CLEAR' | 'TLP_GREEN' | 'TLP_AMBER' | 'TLP_AMBER_STRICT' | 'TLP_RED';

export const TLPS: readonly Tlp[] = ['TLP_CLEAR', 'TLP_GREEN', 'TLP_AMBER', 'TLP_AMBER_STRICT', 'TLP_RED'];

/**
 * FIRST TLP 2.0's own colours (RGB), each on black: the label must look the same everywhere it is
 * printed. https://www.first.org/tlp/
 */
export const TLP_COLOURS: Record<Tlp, { text: string; label: string }> = {
  TLP_CLEAR: { text: '#FFFFFF', label: 'TLP:CLEAR' },
  TLP_GREEN: { text: '#33FF00', label: 'TLP:GREEN' },
  TLP_AMBER: { text: '#FFC000', label: 'TLP:AMBER' },
  TLP_AMBER_STRICT: { text: '#FFC000', label: 'TLP:AMBER+STRICT' },
  TLP_RED: { text: '#FF2B2B', label: 'TLP:RED' },
};

export const isTlp = (value: unknown): value is Tlp =>
  typeof value === 'string' && Object.hasOwn(TLP_COLOURS, value);

/** A label as printed (`TLP:AMBER+STRICT`), or undefined for one the web apps do not know. */
export const tlpText = (tlp: unknown): string | undefined =>
  isTlp(tlp) ? TLP_COLOURS[tlp].label : undefined;

/**
 * The TLP label of a value in either spelling the node uses: the enum of a message body
 * (`TLP_AMBER_STRICT`) or the signed handling header (`TLP:AMBER+STRICT;H2`). Undefined for none.
 */
export function tlpOf(value: unknown): Tlp | undefined {
  if (isTlp(value)) return value;
  if (typeof value !== 'string') return undefined;
  const label = value.split(';')[0]?.trim().toUpperCase();
  return TLPS.find((tlp) => TLP_COLOURS[tlp].label === label);
}
