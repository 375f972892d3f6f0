import { create } from '@bufbuild/protobuf';
import { LocalizedTextSchema, TranslationProvenance } from '../gen/borderlink/v1/common_pb.js';
import { LIMITS } from './limits.js';
import { fixtureContext, validAlert, validReply } from '../../test/message.fixtures.js';
import { checkText } from './text.rules.js';
import { validateMessage } from './validate-message.js';
import type { Violation } from './violation.js';

const text = (language: string, provenance: TranslationProvenance, headline = 'Seizure') =>
  create(LocalizedTextSchema, { language, provenance, headline });

function textViolations(texts: ReturnType<typeof text>[]) {
  const alert = validAlert();
  alert.texts = texts;
  return validateMessage('alert', alert, fixtureContext());
}

function single(value: string, rule: Parameters<typeof checkText>[3]): Violation[] {
  const out: Violation[] = [];
  checkText(out, 'f', value, rule);
  return out;
}

describe('localized texts', () => {
  it('accepts one original and translations in other known languages', () => {
    expect(
      textViolations([
        text('ru', TranslationProvenance.ORIGINAL),
        text('kk', TranslationProvenance.MACHINE_TRANSLATED),
        text('en', TranslationProvenance.HUMAN_TRANSLATED),
      ]),
    ).toEqual([]);
  });

  it('requires at least one text on an alert', () => {
    expect(textViolations([])).toEqual([{ field: 'texts', reason: 'must have at least one text' }]);
  });

  it('requires an original among the texts', () => {
    expect(textViolations([text('en', TranslationProvenance.MACHINE_TRANSLATED)])).toEqual([
      { field: 'texts', reason: 'must include the original text (provenance ORIGINAL)' },
    ]);
  });

  it('accepts any BCP 47 language tag in canonical form, beyond the region’s languages', () => {
    for (const language of ['es-US', 'fr-CA', 'uz-Cyrl', 'zh-Hant-TW', 'es-419', 'de-DE-u-co-phonebk']) {
      expect(textViolations([text(language, TranslationProvenance.ORIGINAL)])).toEqual([]);
    }
  });

  it('refuses a tag that is not in canonical form, naming the form, rather than rewrite signed bytes', () => {
    expect(
      textViolations([
        text('en-us', TranslationProvenance.ORIGINAL),
        text('UZ-cyrl', TranslationProvenance.HUMAN_TRANSLATED),
        text('iw', TranslationProvenance.HUMAN_TRANSLATED),
      ]),
    ).toEqual([
      { field: 'texts[0].language', reason: 'must be written in its canonical form "en-US"' },
      { field: 'texts[1].language', reason: 'must be written in its canonical form "uz-Cyrl"' },
      { field: 'texts[2].language', reason: 'must be written in its canonical form "he"' },
    ]);
  });

  it('refuses an empty, ill-formed or overlong language tag', () => {
    const illFormed = 'must be a well-formed BCP 47 language tag (RFC 5646), such as en or fr-CA';
    expect(textViolations([text('', TranslationProvenance.ORIGINAL)])).toEqual([
      { field: 'texts[0].language', reason: 'is required' },
    ]);
    for (const language of ['en_US', 'en-', 'e', 'x-private', ' en']) {
      expect(textViolations([text(language, TranslationProvenance.ORIGINAL)])).toEqual([
        { field: 'texts[0].language', reason: illFormed },
      ]);
    }
    // The longest the limit takes, then one character more.
    const longest = `en-x-${'abcdefgh-'.repeat(3)}abc`;
    expect(longest).toHaveLength(LIMITS.languageTagMaxLength);
    expect(textViolations([text(longest, TranslationProvenance.ORIGINAL)])).toEqual([]);
    expect(textViolations([text(`${longest}g`, TranslationProvenance.ORIGINAL)])).toEqual([
      { field: 'texts[0].language', reason: `must be at most ${LIMITS.languageTagMaxLength} characters` },
    ]);
  });

  it('refuses two texts in the same language', () => {
    expect(
      textViolations([
        text('ru', TranslationProvenance.ORIGINAL),
        text('ru', TranslationProvenance.HUMAN_TRANSLATED),
      ]),
    ).toEqual([{ field: 'texts[1]', reason: 'repeats the language of texts[0]' }]);
  });

  it('compares languages by their canonical tags, and tells regional variants apart', () => {
    expect(
      textViolations([
        text('en-US', TranslationProvenance.ORIGINAL),
        text('EN-us', TranslationProvenance.HUMAN_TRANSLATED),
      ]),
    ).toEqual([
      { field: 'texts[1].language', reason: 'must be written in its canonical form "en-US"' },
      { field: 'texts[1]', reason: 'repeats the language of texts[0]' },
    ]);
    const variants = ['en', 'en-US', 'en-GB'].map((language, index) =>
      text(language, index === 0 ? TranslationProvenance.ORIGINAL : TranslationProvenance.HUMAN_TRANSLATED),
    );
    expect(textViolations(variants)).toEqual([]);
  });

  it('requires the provenance of each text', () => {
    expect(
      textViolations([
        text('ru', TranslationProvenance.ORIGINAL),
        text('en', TranslationProvenance.UNSPECIFIED),
      ]),
    ).toEqual([{ field: 'texts[1].provenance', reason: 'is required' }]);
  });

  it('requires a headline of at most 200 characters, counting code points', () => {
    expect(textViolations([text('ru', TranslationProvenance.ORIGINAL, '')])).toEqual([
      { field: 'texts[0].headline', reason: 'is required' },
    ]);
    expect(textViolations([text('ru', TranslationProvenance.ORIGINAL, '   ')])).toEqual([
      { field: 'texts[0].headline', reason: 'must not be blank' },
    ]);
    // 200 astral characters are 400 UTF-16 units but 200 characters.
    expect(textViolations([text('ru', TranslationProvenance.ORIGINAL, '🔫'.repeat(200))])).toEqual([]);
    expect(textViolations([text('ru', TranslationProvenance.ORIGINAL, 'Ж'.repeat(201))])).toEqual([
      { field: 'texts[0].headline', reason: 'must be at most 200 characters' },
    ]);
  });

  it('bounds description and instruction lengths', () => {
    const alert = validAlert();
    alert.texts[0]!.description = 'a'.repeat(LIMITS.descriptionMaxLength);
    alert.texts[0]!.instruction = 'a'.repeat(LIMITS.instructionMaxLength);
    expect(validateMessage('alert', alert, fixtureContext())).toEqual([]);
    alert.texts[0]!.description += 'a';
    alert.texts[0]!.instruction += 'a';
    expect(validateMessage('alert', alert, fixtureContext())).toEqual([
      { field: 'texts[0].description', reason: 'must be at most 8000 characters' },
      { field: 'texts[0].instruction', reason: 'must be at most 2000 characters' },
    ]);
  });

  it('allows line feed and tab in a description but not in a headline', () => {
    const alert = validAlert();
    alert.texts[0]!.description = 'line one\n\tline two';
    alert.texts[0]!.instruction = 'step one\nstep two';
    expect(validateMessage('alert', alert, fixtureContext())).toEqual([]);
    alert.texts[0]!.headline = 'two\nlines';
    expect(validateMessage('alert', alert, fixtureContext())).toEqual([
      { field: 'texts[0].headline', reason: 'must not contain control characters' },
    ]);
  });

  it('refuses a reply whose texts are empty and that changes no trace status', () => {
    const reply = validReply();
    reply.texts = [];
    expect(validateMessage('reply', reply, fixtureContext())).toEqual([]);
    reply.traceStatus = 0;
    expect(validateMessage('reply', reply, fixtureContext())).toEqual([
      { field: 'texts', reason: 'must have at least one text' },
    ]);
  });
});

describe('checkText', () => {
  it('accepts ordinary multilingual text', () => {
    expect(single('Изъято 12 автоматов — Панҷ, Ўзбекистон', { max: 100 })).toEqual([]);
  });

  it.each([
    ['NUL', '\u0000'],
    ['carriage return', '\r'],
    ['vertical tab', '\u000B'],
    ['escape', '\u001B[31m'],
    ['DEL', '\u007F'],
    ['C1 control', '\u0085'],
  ])('refuses a %s even in multi-line text', (_name, control) => {
    expect(single(`before${control}after`, { max: 100, multiline: true })).toEqual([
      { field: 'f', reason: 'must not contain control characters other than line feed and tab' },
    ]);
  });

  it.each(['202A', '202B', '202C', '202D', '202E', '2066', '2067', '2068', '2069'])(
    'refuses the bidirectional control U+%s',
    (hex) => {
      const bidi = String.fromCodePoint(parseInt(hex, 16));
      expect(single(`invoice${bidi}gpj.exe`, { max: 100, multiline: true })).toEqual([
        { field: 'f', reason: 'must not contain bidirectional override or isolate characters' },
      ]);
    },
  );

  it('accepts right-to-left text and the implicit direction marks', () => {
    expect(single('\u200Fمرز\u200E', { max: 100 })).toEqual([]);
  });

  it('refuses an unpaired surrogate, which UTF-8 cannot carry', () => {
    expect(single('bad \uD800 text', { max: 100 })).toEqual([
      { field: 'f', reason: 'must be well-formed Unicode text' },
    ]);
  });

  it('passes an empty optional text and refuses an empty required one', () => {
    expect(single('', { max: 10 })).toEqual([]);
    expect(single('', { max: 10, required: true })).toEqual([{ field: 'f', reason: 'is required' }]);
  });
});
