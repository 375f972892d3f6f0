import type { LocalizedText } from '../api/node-types';
import { preferredText } from './message-text';

const text = (language: string, original = false): LocalizedText => ({
  language,
  provenance: original ? 'TRANSLATION_PROVENANCE_ORIGINAL' : 'TRANSLATION_PROVENANCE_HUMAN_TRANSLATED',
  headline: language,
});

describe('the text a reader is shown first', () => {
  it('is the one in their language when the message carries it', () => {
    expect(preferredText([text('ru', true), text('en')], 'en')?.language).toBe('en');
  });

  it('is a variant of their language when the message carries no exact match', () => {
    expect(preferredText([text('es-US', true), text('en-US')], 'en')?.language).toBe('en-US');
    expect(preferredText([text('ru', true), text('en')], 'en-GB')?.language).toBe('en');
  });

  it('is the original when the message carries nothing in their language', () => {
    expect(preferredText([text('en'), text('ru', true)], 'kk')?.language).toBe('ru');
  });

  it('is the original when the reader’s language cannot be read', () => {
    expect(preferredText([text('en'), text('ru', true)], 'not a tag!')?.language).toBe('ru');
  });
});
