import type { Alert, SeizedItem } from '../api/node-types';
import {
  addresseesOf,
  commonOf,
  compact,
  emptyCommon,
  evaluationOf,
  given,
  handlingOf,
  localTimeOf,
  numberOf,
  textsOf,
  timeOf,
  type CommonDraft,
} from './draft-common';
import { weaponDraftOf, weaponOf, type WeaponDraft } from './weapon-draft';

export type ItemDraft =
  | ({ kind: 'weapon'; quantity: string } & WeaponDraft)
  | { kind: 'ammunition'; calibre: string; quantity: string; lotNumber: string; headstamp: string }
  | { kind: 'explosive'; type: string; description: string; netMassKg: string; quantity: string }
  | { kind: 'other'; description: string; quantity: string; unit: string };

export interface PersonDraft {
  sex: string;
  ageGroup: string;
  role: string;
  count: string;
}

/** An alert being written, as the form holds it: strings, as typed. */
export interface AlertDraft extends CommonDraft {
  type: 'ALERT_TYPE_ALERT' | 'ALERT_TYPE_UPDATE' | 'ALERT_TYPE_CANCEL';
  references: string[];
  status: string;
  category: string;
  severity: string;
  urgency: string;
  certainty: string;
  incident: string;
  regions: string[];
  sections: string[];
  crossingPoints: string[];
  areaDescription: string;
  lat: string;
  lon: string;
  radiusKm: string;
  expires: string;
  items: ItemDraft[];
  persons: PersonDraft[];
}

export const emptyItem = (kind: ItemDraft['kind']): ItemDraft => {
  switch (kind) {
    case 'weapon':
      return { kind, ...weaponDraftOf(undefined), quantity: '1' };
    case 'ammunition':
      return { kind, calibre: '', quantity: '', lotNumber: '', headstamp: '' };
    case 'explosive':
      return { kind, type: '', description: '', netMassKg: '', quantity: '' };
    case 'other':
      return { kind, description: '', quantity: '', unit: '' };
  }
};

export const emptyPerson = (): PersonDraft => ({ sex: '', ageGroup: '', role: '', count: '1' });

export function emptyAlert(language: string): AlertDraft {
  return {
    ...emptyCommon(language),
    type: 'ALERT_TYPE_ALERT',
    references: [],
    status: 'STATUS_ACTUAL',
    category: '',
    severity: '',
    urgency: '',
    certainty: '',
    incident: '',
    regions: [],
    sections: [],
    crossingPoints: [],
    areaDescription: '',
    lat: '',
    lon: '',
    radiusKm: '',
    expires: '',
    items: [],
    persons: [],
  };
}

function itemOf(item: ItemDraft): SeizedItem {
  switch (item.kind) {
    case 'weapon':
      return {
        weapon: compact({ ...weaponOf(item), quantity: numberOf(item.quantity) }),
      };
    case 'ammunition':
      return {
        ammunition: compact({
          calibre: given(item.calibre),
          quantity: numberOf(item.quantity),
          lotNumber: given(item.lotNumber),
          headstamp: given(item.headstamp),
        }),
      };
    case 'explosive':
      return {
        explosive: compact({
          type: given(item.type) as NonNullable<SeizedItem['explosive']>['type'],
          description: given(item.description),
          netMassKg: numberOf(item.netMassKg),
          quantity: numberOf(item.quantity),
        }),
      };
    case 'other':
      return {
        other: compact({
          description: given(item.description),
          quantity: numberOf(item.quantity),
          unit: given(item.unit),
        }),
      };
  }
}

function areaOf(draft: AlertDraft): Alert['area'] {
  const lat = numberOf(draft.lat);
  const lon = numberOf(draft.lon);
  const radiusKm = numberOf(draft.radiusKm);
  const point = lat === undefined || lon === undefined ? undefined : { lat, lon };
  const area = compact({
    description: given(draft.areaDescription),
    borderSections: draft.sections.length === 0 ? undefined : draft.sections,
    crossingPoints: draft.crossingPoints.length === 0 ? undefined : draft.crossingPoints,
    points: point === undefined ? undefined : [point],
    circles: point === undefined || radiusKm === undefined ? undefined : [{ center: point, radiusKm }],
  });
  return Object.keys(area).length === 0 ? undefined : area;
}

/** The alert the node is sent: blank fields left out, so that its validation names what is missing. */
export function alertOf(draft: AlertDraft): Alert {
  return compact({
    type: draft.type,
    status: given(draft.status) as Alert['status'],
    references: draft.references.length === 0 ? undefined : draft.references,
    incident: given(draft.incident),
    category: given(draft.category) as Alert['category'],
    severity: given(draft.severity) as Alert['severity'],
    urgency: given(draft.urgency) as Alert['urgency'],
    certainty: given(draft.certainty) as Alert['certainty'],
    area: areaOf(draft),
    regions: draft.regions,
    expires: timeOf(draft.expires),
    texts: textsOf(draft),
    items: draft.items.length === 0 ? undefined : draft.items.map(itemOf),
    persons:
      draft.persons.length === 0
        ? undefined
        : draft.persons.map((person) =>
            compact({
              sex: given(person.sex) as NonNullable<Alert['persons']>[number]['sex'],
              ageGroup: given(person.ageGroup) as NonNullable<Alert['persons']>[number]['ageGroup'],
              role: given(person.role) as NonNullable<Alert['persons']>[number]['role'],
              count: numberOf(person.count),
            }),
          ),
    evaluation: evaluationOf(draft),
    handling: handlingOf(draft),
    addressees: addresseesOf(draft),
  });
}

const text = (value: string | number | undefined) => (value === undefined ? '' : String(value));

/**
 * A draft from an alert the agency sent, for its update or cancel: the same content, with the type
 * and the reference to the alert changed; its incident keeps it in the same thread.
 */
export function draftFromAlert(
  alert: Alert,
  change: 'ALERT_TYPE_UPDATE' | 'ALERT_TYPE_CANCEL',
  language: string,
): AlertDraft {
  const point = alert.area?.points?.[0] ?? alert.area?.circles?.[0]?.center;
  return {
    ...emptyAlert(language),
    ...commonOf(alert, language),
    type: change,
    references: alert.id === undefined ? [] : [alert.id],
    status: alert.status ?? 'STATUS_ACTUAL',
    category: alert.category ?? '',
    severity: alert.severity ?? '',
    urgency: alert.urgency ?? '',
    certainty: alert.certainty ?? '',
    incident: alert.incident ?? '',
    regions: alert.regions ?? [],
    sections: alert.area?.borderSections ?? [],
    crossingPoints: alert.area?.crossingPoints ?? [],
    areaDescription: alert.area?.description ?? '',
    lat: text(point?.lat),
    lon: text(point?.lon),
    radiusKm: text(alert.area?.circles?.[0]?.radiusKm),
    expires: localTimeOf(alert.expires),
    items: (alert.items ?? []).map((item): ItemDraft => {
      if (item.weapon !== undefined) {
        return { kind: 'weapon', ...weaponDraftOf(item.weapon), quantity: text(item.weapon.quantity) };
      }
      if (item.ammunition !== undefined) {
        const lot = item.ammunition;
        return {
          kind: 'ammunition',
          calibre: lot.calibre ?? '',
          quantity: text(lot.quantity),
          lotNumber: lot.lotNumber ?? '',
          headstamp: lot.headstamp ?? '',
        };
      }
      if (item.explosive !== undefined) {
        const explosive = item.explosive;
        return {
          kind: 'explosive',
          type: explosive.type ?? '',
          description: explosive.description ?? '',
          netMassKg: text(explosive.netMassKg),
          quantity: text(explosive.quantity),
        };
      }
      return {
        kind: 'other',
        description: item.other?.description ?? '',
        quantity: text(item.other?.quantity),
        unit: item.other?.unit ?? '',
      };
    }),
    persons: (alert.persons ?? []).map((person) => ({
      sex: person.sex ?? '',
      ageGroup: person.ageGroup ?? '',
      role: person.role ?? '',
      count: text(person.count),
    })),
  };
}
