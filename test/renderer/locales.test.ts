import { describe, expect, it } from 'vitest';
import { api, EVENT_NAMES } from '../../src-main/shared/api';
import { LANGUAGES } from '../../src-main/shared/languages';
import { CATALOGUES } from '../../src-main/shared/locales';

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
/**
 * The main process and the CLI (features, kernel, platform, cli, ipc, shared): the schemas and
 * services send `errors.*` and `failures.*` keys, and menus, notifications, dialogs, .ics files
 * and CLI output are worded from the catalogue too.
 */
const mainSources = import.meta.glob<string>('../../src-main/**/*.ts', {
  query: '?raw',
  import: 'default',
  eager: true,
});
/** Namespaces only main and the CLI word (the screens' own are named like the IPC channels). */
const MAIN_NAMESPACES = [
  'errors',
  'failures',
  'cli',
  'menu',
  'startup',
  'notify',
  'dialogs',
  'ics',
  'paceWords',
  'severityWords',
  'complaintStatusWords',
  'apiErrors',
];

const en = flatten(CATALOGUES.en as Tree);
/** A key is present as itself or as its plural forms (`count_one`, `count_other`). */
const hasKey = (key: string): boolean => en.has(key) || en.has(`${key}_other`);
/** A key built in code (`failures.notFound.${what}`) needs its prefix to hold some keys. */
const hasPrefix = (prefix: string): boolean => [...en.keys()].some((key) => key.startsWith(`${prefix}.`));

describe('locale files', () => {
  it('exist for every language the settings offer', () => {
    expect(Object.keys(CATALOGUES).sort()).toEqual([...LANGUAGES].sort());
  });

  it.each(LANGUAGES.filter((language) => language !== 'en'))('%s has exactly the keys of en', (language) => {
    const other = flatten(CATALOGUES[language] as Tree);
    expect([...other.keys()].sort()).toEqual([...en.keys()].sort());
  });

  it.each(LANGUAGES)('%s has no empty messages', (language) => {
    const empty = [...flatten(CATALOGUES[language] as Tree)].filter(([, text]) => text.trim() === '').map(([k]) => k);
    expect(empty).toEqual([]);
  });

  it('keeps the same {{placeholders}} in every language', () => {
    const placeholders = (text: string): string[] => [...text.matchAll(/{{(\w+)}}|<(\w+)>/g)].map((m) => m[0]).sort();
    for (const language of LANGUAGES) {
      const other = flatten(CATALOGUES[language] as Tree);
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

  it('has every key the main process and the CLI word, or send to be worded', () => {
    const keys = new Set<string>();
    const prefixes = new Set<string>();
    const namespaces = MAIN_NAMESPACES.join('|');
    for (const source of Object.values(mainSources)) {
      for (const match of source.matchAll(/\b(?:t|translate)\('([\w]+(?:\.[\w]+)+)'/g)) keys.add(match[1] ?? '');
      for (const match of source.matchAll(new RegExp(`['"\`]((?:${namespaces})(?:\\.\\w+)+)['"\`]`, 'g')))
        keys.add(match[1] ?? '');
      for (const match of source.matchAll(new RegExp(`\`((?:${namespaces})(?:\\.\\w+)*)\\.\\$\\{`, 'g')))
        prefixes.add(match[1] ?? '');
    }
    expect(keys.size).toBeGreaterThan(150);
    expect(keys).toContain('errors.required');
    expect(keys).toContain('menu.newSale');
    expect(prefixes).toContain('failures.notFound');
    // IPC channel and event names ('menu.command') look like keys but are not words.
    const names = new Set<string>([...Object.keys(api), ...EVENT_NAMES]);
    expect([...keys].filter((key) => !names.has(key) && !hasKey(key))).toEqual([]);
    expect([...prefixes].filter((prefix) => !hasPrefix(prefix))).toEqual([]);
  });
});
