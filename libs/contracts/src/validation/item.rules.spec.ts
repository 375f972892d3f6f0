import { create } from '@bufbuild/protobuf';
import { SeizedItemSchema, WeaponType, ExplosiveType } from '../gen/borderlink/v1/alert_pb.js';
import { LIMITS } from './limits.js';
import { fixtureContext, validAlert } from '../../test/message.fixtures.js';
import { validateMessage } from './validate-message.js';

type ItemInit = Parameters<typeof create<typeof SeizedItemSchema>>[1];

function itemViolations(...items: ItemInit[]) {
  const alert = validAlert();
  alert.items = items.map((item) => create(SeizedItemSchema, item));
  return validateMessage('alert', alert, fixtureContext());
}

const weapon = (value: object): ItemInit => ({ item: { case: 'weapon', value } });
const rifle = { type: WeaponType.ASSAULT_RIFLE, calibre: '7.62x39mm', quantity: 1 };

describe('seized weapons', () => {
  it('accepts a weapon line with make, model, serial number and markings', () => {
    expect(
      itemViolations(
        weapon({
          ...rifle,
          make: 'Izhmash',
          model: 'AKM',
          serialNumber: 'KA 1234',
          markings: 'Arsenal mark 1 in triangle; year 1974\nimport mark AFG',
          countryOfManufacture: 'Soviet Union',
        }),
        weapon({ type: WeaponType.PISTOL, calibre: '9x18mm', quantity: 12 }),
      ),
    ).toEqual([]);
  });

  it('requires the weapon type and a quantity between 1 and the limit', () => {
    expect(itemViolations(weapon({ calibre: '5.45x39mm' }))).toEqual([
      { field: 'items[0].weapon.type', reason: 'is required' },
      { field: 'items[0].weapon.quantity', reason: 'must be at least 1' },
    ]);
    expect(itemViolations(weapon({ ...rifle, quantity: LIMITS.maxItemQuantity + 1 }))).toEqual([
      { field: 'items[0].weapon.quantity', reason: `must be at most ${LIMITS.maxItemQuantity}` },
    ]);
  });

  it('refuses a serial-numbered line counting more than one weapon', () => {
    expect(itemViolations(weapon({ ...rifle, serialNumber: 'KA 1234', quantity: 3 }))).toEqual([
      { field: 'items[0].weapon.quantity', reason: 'must be 1 when a serial number is given' },
    ]);
  });

  it('bounds calibre, serial number and markings', () => {
    expect(
      itemViolations(
        weapon({
          ...rifle,
          calibre: 'c'.repeat(LIMITS.calibreMaxLength + 1),
          serialNumber: 's'.repeat(LIMITS.shortTextMaxLength + 1),
          markings: 'm'.repeat(LIMITS.markingsMaxLength + 1),
        }),
      ),
    ).toEqual([
      { field: 'items[0].weapon.calibre', reason: 'must be at most 50 characters' },
      { field: 'items[0].weapon.serialNumber', reason: 'must be at most 100 characters' },
      { field: 'items[0].weapon.markings', reason: 'must be at most 1000 characters' },
    ]);
  });

  it('refuses control characters in a serial number', () => {
    expect(itemViolations(weapon({ ...rifle, serialNumber: 'KA\u00001234' }))).toEqual([
      { field: 'items[0].weapon.serialNumber', reason: 'must not contain control characters' },
    ]);
  });
});

describe('seized ammunition, explosives and other items', () => {
  it('accepts an ammunition lot and refuses one without rounds', () => {
    const lot = { calibre: '7.62x39mm', quantity: 1_440, lotNumber: '27-84', headstamp: '539 84' };
    expect(itemViolations({ item: { case: 'ammunition', value: lot } })).toEqual([]);
    expect(itemViolations({ item: { case: 'ammunition', value: { ...lot, quantity: 0 } } })).toEqual([
      { field: 'items[0].ammunition.quantity', reason: 'must be at least 1' },
    ]);
  });

  it('accepts an explosive given by net mass or by count', () => {
    expect(
      itemViolations(
        {
          item: {
            case: 'explosive',
            value: { type: ExplosiveType.MILITARY, description: 'TNT blocks', netMassKg: 4.8 },
          },
        },
        { item: { case: 'explosive', value: { type: ExplosiveType.DETONATOR, quantity: 30 } } },
      ),
    ).toEqual([]);
  });

  it('requires the explosive type and a quantity or a net mass', () => {
    expect(itemViolations({ item: { case: 'explosive', value: {} } })).toEqual([
      { field: 'items[0].explosive.type', reason: 'is required' },
      { field: 'items[0].explosive', reason: 'must give a quantity or a net mass' },
    ]);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY, LIMITS.maxNetMassKg + 1])(
    'refuses the net mass %d kg',
    (netMassKg) => {
      expect(
        itemViolations({ item: { case: 'explosive', value: { type: ExplosiveType.COMMERCIAL, netMassKg } } }),
      ).toEqual([
        {
          field: 'items[0].explosive.netMassKg',
          reason: `must be a number greater than 0 and at most ${LIMITS.maxNetMassKg}`,
        },
      ]);
    },
  );

  it('requires a description, a positive quantity and a unit for other items', () => {
    const hashish = { description: 'Hashish in vacuum packs', quantity: 12.5, unit: 'kg' };
    expect(itemViolations({ item: { case: 'other', value: hashish } })).toEqual([]);
    expect(itemViolations({ item: { case: 'other', value: { quantity: -2 } } })).toEqual([
      { field: 'items[0].other.description', reason: 'is required' },
      {
        field: 'items[0].other.quantity',
        reason: `must be a number greater than 0 and at most ${LIMITS.maxOtherQuantity}`,
      },
      { field: 'items[0].other.unit', reason: 'is required' },
    ]);
  });

  it('refuses an empty item line and bounds the number of lines', () => {
    expect(itemViolations({})).toEqual([
      { field: 'items[0]', reason: 'must be a weapon, ammunition, explosive or other item' },
    ]);
    const lines = Array.from({ length: LIMITS.maxItems + 1 }, () => weapon(rifle));
    expect(itemViolations(...lines)).toEqual([
      { field: 'items', reason: `must have at most ${LIMITS.maxItems} entries` },
    ]);
  });
});
