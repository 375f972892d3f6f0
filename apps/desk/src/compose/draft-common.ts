import type { Alert, LocalizedText } from '../api/node-types';

type Handling = NonNullable<Alert['handling']>;
type Evaluation = NonNullable<Alert['evaluation']>;

/** One language version being written. */
export interface TextDraft {
  language: string;
  provenance: string;
  headline: string;
  description: string;
  instruction: string;
}

/** What alerts and notices share: texts, evaluation, handling, addressees. */
export interface CommonDraft {
  texts: TextDraft[];
  source: string;
  information: string;
  tlp: string;
  code: string;
  restrictions: string;
  nodes: string[];
  groups: string[];
}

export const emptyText = (language: string, original: boolean): TextDraft => ({
  language,
  provenance: original ? 'TRANSLATION_PROVENANCE_ORIGINAL' : 'TRANSLATION_PROVENANCE_HUMAN_TRANSLATED',
  headline: '',
  description: '',
  instruction: '',
});

export const emptyCommon = (language: string): CommonDraft => ({
  texts: [emptyText(language, true)],
  source: '',
  information: '',
  tlp: 'TLP_GREEN',
  code: 'HANDLING_CODE_H0',
  restrictions: '',
  nodes: [],
  groups: [],
});

/** `value` unless empty: what a person left blank is left out, for the node to say whether it may be. */
export const given = <T extends string>(value: T): T | undefined => (value === '' ? undefined : value);

/** A number typed in a field, or undefined when blank or not a number. */
export function numberOf(value: string): number | undefined {
  if (value.trim() === '') return undefined;
  const parsed = Number(value.replace(',', '.'));
  return Number.isFinite(parsed) ? parsed : undefined;
}

/** A `datetime-local` value as an RFC 3339 time, or undefined. */
export function timeOf(value: string): string | undefined {
  if (value === '') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** An RFC 3339 time as a `datetime-local` value in the browser's zone. */
export function localTimeOf(value: string | undefined): string {
  if (value === undefined) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export function textsOf(draft: CommonDraft): LocalizedText[] {
  return draft.texts.map((text) =>
    compact({
      language: given(text.language),
      provenance: given(text.provenance) as LocalizedText['provenance'],
      headline: given(text.headline),
      description: given(text.description),
      instruction: given(text.instruction),
    }),
  );
}

/** The evaluation, absent when neither grade was chosen (the node says whether one is required). */
export function evaluationOf(draft: CommonDraft): Evaluation | undefined {
  if (draft.source === '' && draft.information === '') return undefined;
  return compact({
    source: given(draft.source) as Evaluation['source'],
    information: given(draft.information) as Evaluation['information'],
  });
}

export function handlingOf(draft: CommonDraft): Handling {
  return compact({
    tlp: given(draft.tlp) as Handling['tlp'],
    code: given(draft.code) as Handling['code'],
    restrictions: given(draft.restrictions),
  });
}

export function addresseesOf(draft: CommonDraft): Alert['addressees'] {
  if (draft.nodes.length === 0 && draft.groups.length === 0) return undefined;
  return compact({
    nodes: draft.nodes.length === 0 ? undefined : draft.nodes,
    groups: draft.groups.length === 0 ? undefined : draft.groups,
  });
}

/** The shared parts of a received or sent message, back into a draft (for an update or a cancel). */
export function commonOf(message: Partial<Alert>, language: string): CommonDraft {
  const texts = (message.texts ?? []).map((text) => ({
    language: text.language ?? '',
    provenance: text.provenance ?? '',
    headline: text.headline ?? '',
    description: text.description ?? '',
    instruction: text.instruction ?? '',
  }));
  return {
    texts: texts.length === 0 ? [emptyText(language, true)] : texts,
    source: message.evaluation?.source ?? '',
    information: message.evaluation?.information ?? '',
    tlp: message.handling?.tlp ?? 'TLP_GREEN',
    code: message.handling?.code ?? 'HANDLING_CODE_H0',
    restrictions: message.handling?.restrictions ?? '',
    nodes: message.addressees?.nodes ?? [],
    groups: message.addressees?.groups ?? [],
  };
}

export { compact };
