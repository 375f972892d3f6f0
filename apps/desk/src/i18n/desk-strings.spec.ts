import { WEB_STRINGS } from '../../../../libs/web/src/i18n/web-strings';
import { EN } from './en';
import { RU } from './ru';

// Every key, as a dotted path, of a nested object of strings.
function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, inner]) =>
    keys(inner, prefix === '' ? key : `${prefix}.${key}`),
  );
}

// Every string of a nested object, by path.
function strings(value: unknown, prefix = ''): [string, string][] {
  if (typeof value === 'string') return [[prefix, value]];
  return Object.entries(value as object).flatMap(([key, inner]) =>
    strings(inner, prefix === '' ? key : `${prefix}.${key}`),
  );
}

describe('the desk’s strings', () => {
  it('have the same keys in English and Russian, the shared pieces’ too', () => {
    expect(keys(RU).sort()).toEqual(keys(EN).sort());
    expect(keys(WEB_STRINGS.ru).sort()).toEqual(keys(WEB_STRINGS.en).sort());
  });

  it('use the same placeholders in both languages', () => {
    const placeholders = (text: string) =>
      [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]).sort();
    const russian = new Map(strings(RU));
    for (const [path, english] of strings(EN)) {
      expect({ path, placeholders: placeholders(russian.get(path) ?? '') }).toEqual({
        path,
        placeholders: placeholders(english),
      });
    }
  });

  it('leave no desk key the shared pieces use', () => {
    expect(Object.keys(EN)).not.toContain('web');
  });
});
