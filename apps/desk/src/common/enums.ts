import type { Alert, Notice, PersonCount, Weapon } from '../api/node-types';

// The values a person may choose, in the order the proto declares them (UNSPECIFIED left out). Typed
// against the generated API types, so a renamed value fails the type check.
type Values<T> = Exclude<NonNullable<T>, `${string}_UNSPECIFIED`>[];
type Handling = NonNullable<Alert['handling']>;
type Evaluation = NonNullable<Alert['evaluation']>;
type SeizedItem = NonNullable<Alert['items']>[number];
type TextBlock = NonNullable<Alert['texts']>[number];

export const CATEGORIES: Values<Alert['category']> = [
  'CATEGORY_SMALL_ARMS_LIGHT_WEAPONS',
  'CATEGORY_AMMUNITION',
  'CATEGORY_EXPLOSIVES',
  'CATEGORY_TERRORISM',
  'CATEGORY_DRUG_TRAFFICKING',
  'CATEGORY_HUMAN_TRAFFICKING',
  'CATEGORY_MIGRANT_SMUGGLING',
  'CATEGORY_DOCUMENT_FRAUD',
  'CATEGORY_WANTED_PERSON',
  'CATEGORY_OTHER',
];
export const SEVERITIES: Values<Alert['severity']> = [
  'SEVERITY_EXTREME',
  'SEVERITY_SEVERE',
  'SEVERITY_MODERATE',
  'SEVERITY_MINOR',
  'SEVERITY_UNKNOWN',
];
export const URGENCIES: Values<Alert['urgency']> = [
  'URGENCY_IMMEDIATE',
  'URGENCY_EXPECTED',
  'URGENCY_FUTURE',
  'URGENCY_PAST',
  'URGENCY_UNKNOWN',
];
export const CERTAINTIES: Values<Alert['certainty']> = [
  'CERTAINTY_OBSERVED',
  'CERTAINTY_LIKELY',
  'CERTAINTY_POSSIBLE',
  'CERTAINTY_UNLIKELY',
  'CERTAINTY_UNKNOWN',
];
export const STATUSES: Values<Alert['status']> = ['STATUS_ACTUAL', 'STATUS_EXERCISE', 'STATUS_TEST'];
export const HANDLING_CODES: Values<Handling['code']> = [
  'HANDLING_CODE_H0',
  'HANDLING_CODE_H1',
  'HANDLING_CODE_H2',
  'HANDLING_CODE_H3',
];
export const SOURCE_RELIABILITIES: Values<Evaluation['source']> = [
  'SOURCE_RELIABILITY_A',
  'SOURCE_RELIABILITY_B',
  'SOURCE_RELIABILITY_C',
  'SOURCE_RELIABILITY_X',
];
export const INFORMATION_RELIABILITIES: Values<Evaluation['information']> = [
  'INFORMATION_RELIABILITY_1',
  'INFORMATION_RELIABILITY_2',
  'INFORMATION_RELIABILITY_3',
  'INFORMATION_RELIABILITY_4',
];
export const PROVENANCES: Values<TextBlock['provenance']> = [
  'TRANSLATION_PROVENANCE_ORIGINAL',
  'TRANSLATION_PROVENANCE_HUMAN_TRANSLATED',
  'TRANSLATION_PROVENANCE_MACHINE_TRANSLATED',
];
export const WEAPON_TYPES: Values<Weapon['type']> = [
  'WEAPON_TYPE_PISTOL',
  'WEAPON_TYPE_REVOLVER',
  'WEAPON_TYPE_RIFLE',
  'WEAPON_TYPE_ASSAULT_RIFLE',
  'WEAPON_TYPE_SUBMACHINE_GUN',
  'WEAPON_TYPE_MACHINE_GUN',
  'WEAPON_TYPE_SHOTGUN',
  'WEAPON_TYPE_GRENADE_LAUNCHER',
  'WEAPON_TYPE_ROCKET_LAUNCHER',
  'WEAPON_TYPE_MORTAR',
  'WEAPON_TYPE_MANPADS',
  'WEAPON_TYPE_OTHER',
];
export const EXPLOSIVE_TYPES: Values<NonNullable<SeizedItem['explosive']>['type']> = [
  'EXPLOSIVE_TYPE_MILITARY',
  'EXPLOSIVE_TYPE_COMMERCIAL',
  'EXPLOSIVE_TYPE_IMPROVISED',
  'EXPLOSIVE_TYPE_PRECURSOR',
  'EXPLOSIVE_TYPE_DETONATOR',
  'EXPLOSIVE_TYPE_GRENADE',
  'EXPLOSIVE_TYPE_MINE',
];
export const SEXES: Values<PersonCount['sex']> = ['SEX_FEMALE', 'SEX_MALE', 'SEX_UNKNOWN'];
export const AGE_GROUPS: Values<PersonCount['ageGroup']> = [
  'AGE_GROUP_CHILD',
  'AGE_GROUP_ADULT',
  'AGE_GROUP_ELDERLY',
  'AGE_GROUP_UNKNOWN',
];
export const PERSON_ROLES: Values<PersonCount['role']> = [
  'PERSON_ROLE_SUSPECT',
  'PERSON_ROLE_VICTIM',
  'PERSON_ROLE_MIGRANT',
  'PERSON_ROLE_WITNESS',
];
export const NOTICE_KINDS: Values<Notice['kind']> = [
  'NOTICE_KIND_REQUEST_FOR_ASSISTANCE',
  'NOTICE_KIND_INFORMATION_REQUEST',
  'NOTICE_KIND_FIREARMS_TRACE_REQUEST',
  'NOTICE_KIND_JOINT_OPERATION',
  'NOTICE_KIND_MEETING',
  'NOTICE_KIND_SITUATION_REPORT',
  'NOTICE_KIND_IMPACT_LEVEL_CHANGE',
];
export const PRIORITIES: Values<Notice['priority']> = [
  'PRIORITY_URGENT',
  'PRIORITY_HIGH',
  'PRIORITY_ROUTINE',
];
export const IMPACT_LEVELS: Values<NonNullable<Notice['impactChange']>['to']> = [
  'IMPACT_LEVEL_LOW',
  'IMPACT_LEVEL_MEDIUM',
  'IMPACT_LEVEL_HIGH',
  'IMPACT_LEVEL_CRITICAL',
];
/** The languages a message's text may be in (libs/contracts LANGUAGES). */
export const TEXT_LANGUAGES = ['ru', 'en', 'kk', 'ky', 'tg', 'tk', 'uz'] as const;
