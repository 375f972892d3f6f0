import { create, type MessageInitShape } from '@bufbuild/protobuf';
import {
  AgeGroup,
  AmmunitionLotSchema,
  Category,
  ExplosiveSchema,
  ExplosiveType,
  OtherItemSchema,
  PersonCountSchema,
  PersonRole,
  SeizedItemSchema,
  Sex,
  WeaponSchema,
  WeaponType,
  type PersonCount,
  type SeizedItem,
  type Weapon,
} from '#contracts';
import type { DemoRandom } from './demo-random.js';

/** What one demo event consists of, before it is placed and addressed. */
export interface DemoEvent {
  category: Category;
  /** What happened, without the place: "3 firearms seized". */
  what: string;
  /** Sentences of the description, without the place. */
  details: string[];
  items: SeizedItem[];
  persons: PersonCount[];
}

interface WeaponModel {
  type: WeaponType;
  model: string;
  make: string;
  calibre: string;
  country: string;
}

// Arms found in the region's seizures: Soviet-era stock and its successors.
const WEAPON_MODELS: readonly WeaponModel[] = [
  {
    type: WeaponType.ASSAULT_RIFLE,
    model: 'AKM',
    make: 'Tula Arms Plant',
    calibre: '7.62x39mm',
    country: 'USSR',
  },
  {
    type: WeaponType.ASSAULT_RIFLE,
    model: 'AK-74',
    make: 'Izhevsk Machine-Building Plant',
    calibre: '5.45x39mm',
    country: 'USSR',
  },
  {
    type: WeaponType.PISTOL,
    model: 'Makarov PM',
    make: 'Izhevsk Mechanical Plant',
    calibre: '9x18mm',
    country: 'USSR',
  },
  { type: WeaponType.PISTOL, model: 'TT-33', make: 'Tula Arms Plant', calibre: '7.62x25mm', country: 'USSR' },
  { type: WeaponType.RIFLE, model: 'SKS', make: 'Tula Arms Plant', calibre: '7.62x39mm', country: 'USSR' },
  {
    type: WeaponType.MACHINE_GUN,
    model: 'PKM',
    make: 'Kovrov Mechanical Plant',
    calibre: '7.62x54mmR',
    country: 'USSR',
  },
  { type: WeaponType.GRENADE_LAUNCHER, model: 'RPG-7', make: 'Bazalt', calibre: '40mm', country: 'USSR' },
];

const AMMUNITION = [
  { calibre: '7.62x39mm', headstamp: '539 86' },
  { calibre: '5.45x39mm', headstamp: '3 88' },
  { calibre: '9x18mm', headstamp: '38 81' },
  { calibre: '7.62x54mmR', headstamp: '188 79' },
] as const;

const DRUGS = ['heroin', 'opium', 'hashish', 'methamphetamine'] as const;

const SERIAL_PREFIXES = ['ЛО', 'ЕК', 'АК', 'ТП', 'KM', 'BX'] as const;

const number = (n: number): string => n.toLocaleString('en-GB');
const count = (n: number, one: string, many: string): string => `${number(n)} ${n === 1 ? one : many}`;

/** A seized firearm with its own serial number (so quantity 1), as a trace request also needs it. */
export function demoWeapon(random: DemoRandom): Weapon {
  const model = random.pick(WEAPON_MODELS);
  return create(WeaponSchema, {
    type: model.type,
    make: model.make,
    model: model.model,
    calibre: model.calibre,
    serialNumber: `${random.pick(SERIAL_PREFIXES)} ${String(random.int(0, 9999)).padStart(4, '0')}`,
    markings: `${model.make} arsenal mark and year ${random.int(1961, 1989)} on the receiver`,
    countryOfManufacture: model.country,
    quantity: 1,
  });
}

function seized(item: SeizedItem['item']): SeizedItem {
  return create(SeizedItemSchema, { item });
}

function ammunitionLot(init: MessageInitShape<typeof AmmunitionLotSchema>): SeizedItem {
  return seized({ case: 'ammunition', value: create(AmmunitionLotSchema, init) });
}

function explosive(init: MessageInitShape<typeof ExplosiveSchema>): SeizedItem {
  return seized({ case: 'explosive', value: create(ExplosiveSchema, init) });
}

function otherItem(description: string, quantity: number, unit: string): SeizedItem {
  return seized({ case: 'other', value: create(OtherItemSchema, { description, quantity, unit }) });
}

function persons(...rows: [Sex, AgeGroup, PersonRole, number][]): PersonCount[] {
  return rows.map(([sex, ageGroup, role, n]) => create(PersonCountSchema, { sex, ageGroup, role, count: n }));
}

function suspects(random: DemoRandom): PersonCount[] {
  return persons([Sex.MALE, AgeGroup.ADULT, PersonRole.SUSPECT, random.int(1, 4)]);
}

function firearms(random: DemoRandom): DemoEvent {
  const weapons = Array.from({ length: random.int(1, 4) }, () => demoWeapon(random));
  const lot = random.pick(AMMUNITION);
  const rounds = random.int(2, 30) * 50;
  const items = weapons.map((weapon) => seized({ case: 'weapon', value: weapon }));
  items.push(ammunitionLot({ calibre: lot.calibre, quantity: rounds, headstamp: lot.headstamp }));
  return {
    category: Category.SMALL_ARMS_LIGHT_WEAPONS,
    what: `${count(weapons.length, 'firearm', 'firearms')} and ${number(rounds)} rounds seized`,
    details: [
      `Seized: ${weapons.map((w) => `${w.model} (${w.calibre}, serial ${w.serialNumber})`).join(', ')}; ${number(rounds)} rounds of ${lot.calibre}.`,
      'Check the serial numbers against national records and iARMS; report any match by reply.',
    ],
    items,
    persons: suspects(random),
  };
}

function ammunition(random: DemoRandom): DemoEvent {
  const lot = random.pick(AMMUNITION);
  const rounds = random.int(10, 120) * 100;
  return {
    category: Category.AMMUNITION,
    what: `${number(rounds)} rounds of ${lot.calibre} seized`,
    details: [
      `A vehicle search found ${number(rounds)} rounds of ${lot.calibre} (headstamp "${lot.headstamp}") in sealed tins under the cargo.`,
    ],
    items: [
      ammunitionLot({
        calibre: lot.calibre,
        quantity: rounds,
        headstamp: lot.headstamp,
        lotNumber: `${random.int(1, 60)}-${random.int(70, 89)}`,
      }),
    ],
    persons: suspects(random),
  };
}

function explosives(random: DemoRandom): DemoEvent {
  const kg = random.int(2, 40);
  const detonators = random.int(5, 60);
  return {
    category: Category.EXPLOSIVES,
    what: `${kg} kg of TNT and ${detonators} detonators seized`,
    details: [
      `TNT blocks (${kg} kg in total) and ${detonators} electric detonators were found in a hidden compartment.`,
    ],
    items: [
      explosive({ type: ExplosiveType.MILITARY, description: 'TNT blocks, 200 g and 400 g', netMassKg: kg }),
      explosive({ type: ExplosiveType.DETONATOR, description: 'Electric detonators', quantity: detonators }),
    ],
    persons: suspects(random),
  };
}

function drugs(random: DemoRandom): DemoEvent {
  const drug = random.pick(DRUGS);
  const kg = random.int(2, 120);
  return {
    category: Category.DRUG_TRAFFICKING,
    what: `${kg} kg of ${drug} seized`,
    details: [
      `${kg} kg of ${drug} in ${random.int(4, 60)} packages were found concealed in a truck's fuel tank.`,
    ],
    items: [otherItem(drug, kg, 'kg')],
    persons: suspects(random),
  };
}

function migrantSmuggling(random: DemoRandom): DemoEvent {
  const men = random.int(3, 20);
  const women = random.int(1, 10);
  const children = random.int(0, 6);
  const rows: [Sex, AgeGroup, PersonRole, number][] = [
    [Sex.MALE, AgeGroup.ADULT, PersonRole.MIGRANT, men],
    [Sex.FEMALE, AgeGroup.ADULT, PersonRole.MIGRANT, women],
    [Sex.MALE, AgeGroup.ADULT, PersonRole.SUSPECT, random.int(1, 3)],
  ];
  if (children > 0) rows.push([Sex.UNKNOWN, AgeGroup.CHILD, PersonRole.MIGRANT, children]);
  const total = men + women + children;
  return {
    category: Category.MIGRANT_SMUGGLING,
    what: `group of ${total} migrants and their guides stopped`,
    details: [
      `A patrol stopped ${total} migrants led across the border outside the crossing point by paid guides.`,
    ],
    items: [],
    persons: persons(...rows),
  };
}

function documentFraud(random: DemoRandom): DemoEvent {
  const passports = random.int(2, 25);
  return {
    category: Category.DOCUMENT_FRAUD,
    what: `${passports} counterfeit passports found`,
    details: [
      `${passports} counterfeit passports with substituted photo pages were found in a traveller's luggage.`,
    ],
    items: [otherItem('counterfeit passports', passports, 'pcs')],
    persons: suspects(random),
  };
}

function wantedPerson(): DemoEvent {
  return {
    category: Category.WANTED_PERSON,
    what: 'subject of an INTERPOL Red Notice detected',
    details: [
      'A traveller matching an INTERPOL Red Notice was detected at passport control and is held for identification.',
    ],
    items: [],
    persons: persons([Sex.MALE, AgeGroup.ADULT, PersonRole.SUSPECT, 1]),
  };
}

const SCENARIOS: readonly ((random: DemoRandom) => DemoEvent)[] = [
  firearms,
  firearms,
  ammunition,
  explosives,
  drugs,
  drugs,
  migrantSmuggling,
  documentFraud,
  wantedPerson,
];

/** One event of the demo stream; seizures of arms and drugs come up most often. */
export function demoEvent(random: DemoRandom): DemoEvent {
  return random.pick(SCENARIOS)(random);
}
