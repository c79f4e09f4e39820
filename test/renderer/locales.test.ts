import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../src-main/shared/domain';
import { MESSAGES } from '../../src-renderer/src/i18n';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const flat = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') flat.set(path, value);
    else for (const [k, v] of flatten(value, path)) flat.set(k, v);
  }
  return flat;
}

const sources = import.meta.glob<string>('../../src-renderer/src/**/*.{ts,tsx}', {
  query: '?raw',
  import: 'default',
  eager: true,
});
/** The schemas and the services: both send `errors.*` keys the screens show next to a field. */
const sharedSources = import.meta.glob<string>(
  ['../../src-main/shared/**/*.ts', '../../src-main/features/**/*.ts', '../../src-main/kernel/**/*.ts'],
  {
    query: '?raw',
    import: 'default',
    eager: true,
  },
);

const en = flatten(MESSAGES.en as Tree);
/** A key is present as itself or as its plural forms (`count_one`, `count_other`). */
const hasKey = (key: string): boolean => en.has(key) || en.has(`${key}_other`);

describe('locale files', () => {
  it('exist for every language the settings offer', () => {
    expect(Object.keys(MESSAGES).sort()).toEqual([...LANGUAGES].sort());
  });

  it.each(LANGUAGES.filter((language) => language !== 'en'))('%s has exactly the keys of en', (language) => {
    const other = flatten(MESSAGES[language] as Tree);
    expect([...other.keys()].sort()).toEqual([...en.keys()].sort());
  });

  it.each(LANGUAGES)('%s has no empty messages', (language) => {
    const empty = [...flatten(MESSAGES[language] as Tree)].filter(([, text]) => text.trim() === '').map(([k]) => k);
    expect(empty).toEqual([]);
  });

  it('keeps the same {{placeholders}} in every language', () => {
    const placeholders = (text: string): string[] => [...text.matchAll(/{{(\w+)}}|<(\w+)>/g)].map((m) => m[0]).sort();
    for (const language of LANGUAGES) {
      const other = flatten(MESSAGES[language] as Tree);
      for (const [key, text] of en)
        expect([key, placeholders(other.get(key) ?? '')]).toEqual([key, placeholders(text)]);
    }
  });

  it('has every key the screens ask for by name', () => {
    const used = new Set<string>();
    for (const source of Object.values(sources)) {
      for (const match of source.matchAll(/\bt\('([\w]+(?:\.[\w]+)+)'|i18nKey="([\w.]+)"/g))
        used.add(match[1] ?? match[2] ?? '');
      // Toasts take keys and translate when drawn: notify.success('a.b'), notify.error(x ? 'a.b' : 'a.c', e).
      for (const call of source.matchAll(/\bnotify\.(?:success|error)\(([^,)]*)/g))
        for (const key of (call[1] ?? '').matchAll(/'([\w]+(?:\.[\w]+)+)'/g)) used.add(key[1] ?? '');
    }
    expect(used.size).toBeGreaterThan(100);
    expect([...used].filter((key) => !hasKey(key))).toEqual([]);
  });

  it('translates every validation message the shared schemas and the services can produce', () => {
    const keys = new Set<string>();
    for (const source of Object.values(sharedSources)) {
      for (const match of source.matchAll(/'(errors\.\w+)'/g)) keys.add(match[1] ?? '');
    }
    expect(keys.size).toBeGreaterThan(10);
    expect([...keys].filter((key) => !hasKey(key))).toEqual([]);
  });
});
