import { clearanceCovers, type Clearance } from '#access';

/**
 * The clearance a message with this signed handling label (`TLP:AMBER+STRICT;H2`) needs: `red` for
 * TLP:RED and for a label without TLP (fail closed, as routing does), `amber-strict` for
 * TLP:AMBER+STRICT, `amber` for the rest.
 */
export function clearanceFor(handling: string | undefined): Clearance {
  const tlp = (handling ?? '').split(';').find((part) => part.startsWith('TLP:'));
  if (tlp === undefined || tlp === 'TLP:RED') return 'red';
  return tlp === 'TLP:AMBER+STRICT' ? 'amber-strict' : 'amber';
}

/** True when someone of `clearance` may see a message labelled `handling`, or learn that it exists. */
export function admits(clearance: Clearance, handling: string | undefined): boolean {
  return clearanceCovers(clearance, clearanceFor(handling));
}

/** True when releasing a message labelled `handling` needs two supervisors (four eyes). */
export function needsFourEyes(handling: string | undefined): boolean {
  return clearanceFor(handling) !== 'amber';
}
