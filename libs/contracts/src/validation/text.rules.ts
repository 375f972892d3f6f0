import type { LocalizedText } from '../gen/borderlink/v1/common_pb.js';
import { TranslationProvenance, TranslationProvenanceSchema } from '../gen/borderlink/v1/common_pb.js';
import { checkEnum } from './enum.rules.js';
import { checkLanguageTag, readLanguageTag } from './language.rules.js';
import { LIMITS } from './limits.js';
import { checkUnique } from './list.rules.js';
import { fieldPath, itemPath } from './path.js';
import type { Violations } from './violation.js';

// C0 and C1 controls and DEL. Multi-line text may keep line feed and tab, nothing else
// (a carriage return or a vertical tab can hide lines from a reviewer).
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
const CONTROL_MULTILINE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
// Bidirectional embeddings, overrides and isolates reorder what a reader sees (Trojan Source, CVE-2021-42574).
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;
// With the `u` flag only unpaired surrogates match; they cannot be encoded as UTF-8.
const LONE_SURROGATE = /\p{Cs}/u;
const SURROGATE_PAIR = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;

export interface TextRule {
  /** Most characters (Unicode code points). */
  max: number;
  required?: boolean;
  /** Allows line feed and tab. */
  multiline?: boolean;
}

/** Length in code points, so a Cyrillic or emoji character counts once. */
function characterCount(value: string): number {
  return value.length - (value.match(SURROGATE_PAIR)?.length ?? 0);
}

/** Checks one free-text field: presence, length, and characters that could spoof or break a display. */
export function checkText(out: Violations, path: string, value: string, rule: TextRule): void {
  if (value === '') {
    if (rule.required) out.push({ field: path, reason: 'is required' });
    return;
  }
  if (rule.required && value.trim() === '') out.push({ field: path, reason: 'must not be blank' });
  // Code points never outnumber UTF-16 units, so short strings skip the count.
  if (value.length > rule.max && characterCount(value) > rule.max) {
    out.push({ field: path, reason: `must be at most ${rule.max} characters` });
  }
  if (LONE_SURROGATE.test(value)) out.push({ field: path, reason: 'must be well-formed Unicode text' });
  if (rule.multiline) {
    if (CONTROL_MULTILINE.test(value)) {
      out.push({ field: path, reason: 'must not contain control characters other than line feed and tab' });
    }
  } else if (CONTROL.test(value)) {
    out.push({ field: path, reason: 'must not contain control characters' });
  }
  if (BIDI_CONTROL.test(value)) {
    out.push({ field: path, reason: 'must not contain bidirectional override or isolate characters' });
  }
}

/**
 * Checks the language versions of a message's text: BCP 47 language tags in canonical form, one
 * block per language (tags compared in canonical form), at least one original, and each block's
 * headline, description and instruction.
 */
export function checkLocalizedTexts(
  out: Violations,
  path: string,
  texts: readonly LocalizedText[],
  required: boolean,
): void {
  if (texts.length === 0) {
    if (required) out.push({ field: path, reason: 'must have at least one text' });
    return;
  }
  texts.forEach((text, index) => {
    const at = itemPath(path, index);
    checkLanguageTag(out, fieldPath(at, 'language'), text.language);
    checkEnum(out, fieldPath(at, 'provenance'), TranslationProvenanceSchema, text.provenance, true);
    checkText(out, fieldPath(at, 'headline'), text.headline, {
      max: LIMITS.headlineMaxLength,
      required: true,
    });
    checkText(out, fieldPath(at, 'description'), text.description, {
      max: LIMITS.descriptionMaxLength,
      multiline: true,
    });
    checkText(out, fieldPath(at, 'instruction'), text.instruction, {
      max: LIMITS.instructionMaxLength,
      multiline: true,
    });
  });
  checkUnique(
    out,
    path,
    texts,
    // `en-us` repeats `en-US`, though refused for its spelling too: fixing that would not make it unique.
    (text) => {
      const reading = readLanguageTag(text.language);
      return 'canonical' in reading ? reading.canonical : undefined;
    },
    'the language',
  );
  if (!texts.some((text) => text.provenance === TranslationProvenance.ORIGINAL)) {
    out.push({ field: path, reason: 'must include the original text (provenance ORIGINAL)' });
  }
}
