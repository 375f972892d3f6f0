import type { Weapon } from '../api/node-types';
import { compact, given } from './draft-common';

/** A weapon's description as the form holds it (a seized one, or one to trace): strings, as typed. */
export interface WeaponDraft {
  /** A WeaponType name, or blank. */
  type: string;
  make: string;
  model: string;
  calibre: string;
  serialNumber: string;
  markings: string;
  countryOfManufacture: string;
}

/** The form's view of `weapon` (every field blank when there is none). */
export function weaponDraftOf(weapon: Weapon | undefined): WeaponDraft {
  return {
    type: weapon?.type ?? '',
    make: weapon?.make ?? '',
    model: weapon?.model ?? '',
    calibre: weapon?.calibre ?? '',
    serialNumber: weapon?.serialNumber ?? '',
    markings: weapon?.markings ?? '',
    countryOfManufacture: weapon?.countryOfManufacture ?? '',
  };
}

/** The weapon as the node is sent it, blank fields left out; its quantity is the caller's. */
export function weaponOf(draft: WeaponDraft): Omit<Weapon, 'quantity'> {
  return compact({
    type: given(draft.type) as Weapon['type'],
    make: given(draft.make),
    model: given(draft.model),
    calibre: given(draft.calibre),
    serialNumber: given(draft.serialNumber),
    markings: given(draft.markings),
    countryOfManufacture: given(draft.countryOfManufacture),
  });
}
