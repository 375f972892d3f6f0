import type { SeizedItem, Weapon } from '../gen/borderlink/v1/alert_pb.js';
import { ExplosiveTypeSchema, WeaponTypeSchema } from '../gen/borderlink/v1/alert_pb.js';
import { checkEnum } from './enum.rules.js';
import { LIMITS } from './limits.js';
import { checkCount } from './list.rules.js';
import { fieldPath, itemPath } from './path.js';
import { checkText } from './text.rules.js';
import type { Violations } from './violation.js';

/** Why a weapon is described: a seizure line counts pieces; a trace request identifies one item (UN ITI). */
export type WeaponPurpose = 'seizure' | 'trace';

function checkPieces(out: Violations, path: string, quantity: number, required: boolean): void {
  if (quantity === 0) {
    if (required) out.push({ field: path, reason: 'must be at least 1' });
  } else if (quantity > LIMITS.maxItemQuantity) {
    out.push({ field: path, reason: `must be at most ${LIMITS.maxItemQuantity}` });
  }
}

function checkMeasure(out: Violations, path: string, value: number, max: number, required: boolean): void {
  // Proto3 doubles have no presence: 0 (or -0) means "not given".
  if (value === 0) {
    if (required) out.push({ field: path, reason: 'is required' });
  } else if (!Number.isFinite(value) || value < 0 || value > max) {
    out.push({ field: path, reason: `must be a number greater than 0 and at most ${max}` });
  }
}

/**
 * Checks a firearm or light weapon. A serial number identifies one piece, so a seizure line with a serial
 * number has quantity 1. A trace request needs what the ITI asks for: type, calibre, and the serial number
 * or other markings.
 */
export function checkWeapon(out: Violations, path: string, weapon: Weapon, purpose: WeaponPurpose): void {
  const forTrace = purpose === 'trace';
  checkEnum(out, fieldPath(path, 'type'), WeaponTypeSchema, weapon.type, true);
  checkText(out, fieldPath(path, 'make'), weapon.make, { max: LIMITS.shortTextMaxLength });
  checkText(out, fieldPath(path, 'model'), weapon.model, { max: LIMITS.shortTextMaxLength });
  checkText(out, fieldPath(path, 'calibre'), weapon.calibre, {
    max: LIMITS.calibreMaxLength,
    required: forTrace,
  });
  checkText(out, fieldPath(path, 'serialNumber'), weapon.serialNumber, { max: LIMITS.shortTextMaxLength });
  checkText(out, fieldPath(path, 'markings'), weapon.markings, {
    max: LIMITS.markingsMaxLength,
    multiline: true,
  });
  checkText(out, fieldPath(path, 'countryOfManufacture'), weapon.countryOfManufacture, {
    max: LIMITS.shortTextMaxLength,
  });
  const quantity = fieldPath(path, 'quantity');
  if (forTrace) {
    if (weapon.serialNumber.trim() === '' && weapon.markings.trim() === '') {
      out.push({ field: fieldPath(path, 'serialNumber'), reason: 'is required when there are no markings' });
    }
    if (weapon.quantity > 1) out.push({ field: quantity, reason: 'must be 1: a trace concerns one item' });
    return;
  }
  checkPieces(out, quantity, weapon.quantity, true);
  if (weapon.serialNumber !== '' && weapon.quantity > 1) {
    out.push({ field: quantity, reason: 'must be 1 when a serial number is given' });
  }
}

/** Checks seizure lines: one kind of item per line, pieces counted, masses and quantities in range. */
export function checkSeizedItems(out: Violations, path: string, items: readonly SeizedItem[]): void {
  checkCount(out, path, items, LIMITS.maxItems);
  items.forEach(({ item }, index) => {
    const at = itemPath(path, index);
    switch (item.case) {
      case 'weapon':
        checkWeapon(out, fieldPath(at, 'weapon'), item.value, 'seizure');
        return;
      case 'ammunition': {
        const lot = fieldPath(at, 'ammunition');
        checkText(out, fieldPath(lot, 'calibre'), item.value.calibre, { max: LIMITS.calibreMaxLength });
        checkPieces(out, fieldPath(lot, 'quantity'), item.value.quantity, true);
        checkText(out, fieldPath(lot, 'lotNumber'), item.value.lotNumber, { max: LIMITS.shortTextMaxLength });
        checkText(out, fieldPath(lot, 'headstamp'), item.value.headstamp, { max: LIMITS.shortTextMaxLength });
        return;
      }
      case 'explosive': {
        const explosive = fieldPath(at, 'explosive');
        const { type, description, netMassKg, quantity } = item.value;
        checkEnum(out, fieldPath(explosive, 'type'), ExplosiveTypeSchema, type, true);
        checkText(out, fieldPath(explosive, 'description'), description, {
          max: LIMITS.itemDescriptionMaxLength,
          multiline: true,
        });
        checkMeasure(out, fieldPath(explosive, 'netMassKg'), netMassKg, LIMITS.maxNetMassKg, false);
        checkPieces(out, fieldPath(explosive, 'quantity'), quantity, false);
        if (netMassKg === 0 && quantity === 0) {
          out.push({ field: explosive, reason: 'must give a quantity or a net mass' });
        }
        return;
      }
      case 'other': {
        const other = fieldPath(at, 'other');
        checkText(out, fieldPath(other, 'description'), item.value.description, {
          max: LIMITS.itemDescriptionMaxLength,
          required: true,
          multiline: true,
        });
        checkMeasure(out, fieldPath(other, 'quantity'), item.value.quantity, LIMITS.maxOtherQuantity, true);
        checkText(out, fieldPath(other, 'unit'), item.value.unit, {
          max: LIMITS.unitMaxLength,
          required: true,
        });
        return;
      }
      default:
        out.push({ field: at, reason: 'must be a weapon, ammunition, explosive or other item' });
    }
  });
}
