import { CONSOLE_STRINGS } from './console-strings.js';

/** Every leaf of a strings tree as [dotted key, text]. */
function leaves(tree: object, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]): [string, string][] =>
    typeof value === 'string' ? [[`${prefix}${key}`, value]] : leaves(value as object, `${prefix}${key}.`),
  );
}

const placeholders = (text: string): string[] =>
  [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!).sort();

describe('the console’s strings', () => {
  const en = new Map(leaves(CONSOLE_STRINGS.en));
  const ru = new Map(leaves(CONSOLE_STRINGS.ru));

  it('have a Russian text for every English one, and no other', () => {
    expect([...ru.keys()].sort()).toEqual([...en.keys()].sort());
  });

  it('leave no text empty', () => {
    for (const [key, text] of [...en, ...ru])
      expect({ key, empty: text.trim() === '' }).toEqual({ key, empty: false });
  });

  it('fill the same placeholders in both languages', () => {
    for (const [key, text] of en) {
      expect({ key, placeholders: placeholders(ru.get(key) ?? '') }).toEqual({
        key,
        placeholders: placeholders(text),
      });
    }
  });
});
