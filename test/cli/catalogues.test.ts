import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CATALOGUES } from '../../src-main/shared/locales';
import { catalogueModule } from '../../vite.cli.config';

/**
 * The CLI's bundle holds each language of the catalogue as text parsed on its first read
 * (vite.cli.config.ts): the words must come out exactly as the JSON files hold them, and a
 * language no one reads must never be parsed.
 */
const dir = mkdtempSync(join(tmpdir(), 'rapport-catalogues-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let modules = 0;
/** The module's catalogue, wrapped: an awaited catalogue would itself be read (for a `then`). */
async function load(json: string): Promise<{ catalogue: Record<string, unknown> }> {
  const file = join(dir, `catalogue-${++modules}.mjs`);
  writeFileSync(file, catalogueModule(json));
  const module = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as { default: Record<string, unknown> };
  return { catalogue: module.default };
}

describe("the CLI bundle's catalogues", () => {
  it.each(['en', 'it'] as const)('holds every word of %s as the JSON file has it', async (language) => {
    const { catalogue } = await load(JSON.stringify(CATALOGUES[language]));
    expect(JSON.parse(JSON.stringify(catalogue))).toEqual(CATALOGUES[language]);
    expect(Object.keys(catalogue)).toEqual(Object.keys(CATALOGUES[language]));
    expect('app' in catalogue).toBe(true);
    expect('no such key' in catalogue).toBe(false);
  });

  it('keeps backslashes, backticks, quotes, placeholders and accents as they are', async () => {
    const tricky = {
      path: 'C:\\Users\\ada\\rapport.sqlite',
      code: 'run `rapport stats` then ${HOME} and \\${x}',
      quote: '"Perché?" disse l\'agente — “sì”\n\ttab',
      placeholder: '{{count}} vendite',
    };
    const { catalogue } = await load(JSON.stringify(tricky));
    expect(JSON.parse(JSON.stringify(catalogue))).toEqual(tricky);
  });

  it('parses a language only when one of its words is first read', async () => {
    // Text that is not JSON: loading the module succeeds, only reading it fails.
    const { catalogue } = await load('{"app": not json');
    expect(() => catalogue.app).toThrow(SyntaxError);
  });
});
