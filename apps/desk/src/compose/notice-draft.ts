import type { Notice } from '../api/node-types';
import {
  addresseesOf,
  compact,
  emptyCommon,
  evaluationOf,
  given,
  handlingOf,
  textsOf,
  timeOf,
  type CommonDraft,
} from './draft-common';
import { weaponDraftOf, weaponOf, type WeaponDraft } from './weapon-draft';

/** A notice being written, as the form holds it. */
export interface NoticeDraft extends CommonDraft {
  kind: string;
  priority: string;
  deadline: string;
  thread: string;
  category: string;
  regions: string[];
  references: string;
  // A firearms trace request: the weapon and what the tracing instrument asks.
  weapon: WeaponDraft;
  illicitNature: string;
  legalBasis: string;
  circumstances: string;
  intendedUse: string;
  seizureAlert: string;
  // A joint operation, a meeting, a situation report's period.
  name: string;
  group: string;
  starts: string;
  ends: string;
  location: string;
  // An impact level change.
  section: string;
  from: string;
  to: string;
}

export function emptyNotice(language: string): NoticeDraft {
  return {
    ...emptyCommon(language),
    tlp: 'TLP_AMBER',
    kind: 'NOTICE_KIND_REQUEST_FOR_ASSISTANCE',
    priority: 'PRIORITY_ROUTINE',
    deadline: '',
    thread: '',
    category: '',
    regions: [],
    references: '',
    weapon: weaponDraftOf(undefined),
    illicitNature: '',
    legalBasis: '',
    circumstances: '',
    intendedUse: '',
    seizureAlert: '',
    name: '',
    group: '',
    starts: '',
    ends: '',
    location: '',
    section: '',
    from: '',
    to: '',
  };
}

type Details = Pick<Notice, 'trace' | 'operation' | 'meeting' | 'situation' | 'impactChange'>;

function detailsOf(draft: NoticeDraft): Details {
  switch (draft.kind) {
    case 'NOTICE_KIND_FIREARMS_TRACE_REQUEST':
      return {
        trace: compact({
          item: { ...weaponOf(draft.weapon), quantity: 1 },
          illicitNature: given(draft.illicitNature),
          legalBasis: given(draft.legalBasis),
          circumstances: given(draft.circumstances),
          intendedUse: given(draft.intendedUse),
          seizureAlert: given(draft.seizureAlert),
        }),
      };
    case 'NOTICE_KIND_JOINT_OPERATION':
      return {
        operation: compact({
          name: given(draft.name),
          group: given(draft.group),
          starts: timeOf(draft.starts),
          ends: timeOf(draft.ends),
        }),
      };
    case 'NOTICE_KIND_MEETING':
      return {
        meeting: compact({
          starts: timeOf(draft.starts),
          ends: timeOf(draft.ends),
          location: given(draft.location),
        }),
      };
    case 'NOTICE_KIND_SITUATION_REPORT':
      return draft.starts === '' && draft.ends === ''
        ? {}
        : { situation: compact({ periodStart: timeOf(draft.starts), periodEnd: timeOf(draft.ends) }) };
    case 'NOTICE_KIND_IMPACT_LEVEL_CHANGE':
      return {
        impactChange: compact({
          borderSection: given(draft.section),
          from: given(draft.from) as NonNullable<Notice['impactChange']>['from'],
          to: given(draft.to) as NonNullable<Notice['impactChange']>['to'],
        }),
      };
    default:
      return {};
  }
}

/** The notice the node is sent: blank fields left out, the details its kind carries. */
export function noticeOf(draft: NoticeDraft): Notice {
  const references = draft.references
    .split(/[\s,]+/)
    .map((reference) => reference.trim())
    .filter((reference) => reference !== '');
  return compact({
    kind: given(draft.kind) as Notice['kind'],
    status: 'STATUS_ACTUAL' as const,
    priority: given(draft.priority) as Notice['priority'],
    deadline: timeOf(draft.deadline),
    thread: given(draft.thread),
    texts: textsOf(draft),
    addressees: addresseesOf(draft),
    handling: handlingOf(draft),
    evaluation: evaluationOf(draft),
    regions: draft.regions.length === 0 ? undefined : draft.regions,
    category: given(draft.category) as Notice['category'],
    references: references.length === 0 ? undefined : references,
    ...detailsOf(draft),
  });
}
