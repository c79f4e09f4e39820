import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { chunkKey, firstScreens, readManifest, type Manifest } from '../../bench/chunkGraph';
import italian from '../../src-main/shared/locales/it.json';
import { ensureBuilt } from '../helpers/build';

/**
 * What the window loads before its first screen (Home, or the Welcome for a new user, in
 * English) leaves out what only other screens need: chart.js, Markdown (markdown-it and
 * DOMPurify), the Italian words and zod. Read from the production build's chunk graph, the one
 * bench/bundle.ts weighs. Each library is recognised by a string only its code holds, and
 * each string must be found in the build first, so an upgrade that drops it fails here
 * instead of passing unseen.
 */
const LIBRARIES: { name: string; holds: string }[] = [
  { name: 'chart.js', holds: 'Canvas is already in use. Chart with ID' },
  { name: 'markdown-it', holds: 'Wrong `markdown-it` preset' },
  { name: 'DOMPurify', holds: 'data-tt-policy-suffix' },
  { name: 'the Italian catalogue', holds: italian.home.loadFailed },
  // The contract's schemas: the first screen reads its data without checking it (main does).
  { name: 'zod', holds: '"$ZodError"' },
];

let out: string;
let manifest: Manifest;
let firstScreen: Set<string>;
const text = new Map<string, string>();

beforeAll(() => {
  out = ensureBuilt();
  const read = readManifest(out);
  if (!read) throw new Error(`No Vite manifest in ${out}`);
  manifest = read;
  firstScreen = new Set(firstScreens(manifest).flatMap((screen) => [...screen.files]));
  for (const file of readdirSync(join(out, 'assets')).filter((name) => name.endsWith('.js')))
    text.set(`assets/${file}`, readFileSync(join(out, 'assets', file), 'utf8'));
}, 180_000);

describe("the first screen's JS", () => {
  it('is the entry, its imports, the screen and the English words: files the build has', () => {
    expect(firstScreen.size).toBeGreaterThan(2);
    for (const file of firstScreen) expect(text.has(file), file).toBe(true);
    expect(firstScreen).toContain(manifest[chunkKey(manifest, 'shared/locales/en.json')]!.file);
  });

  it.each(LIBRARIES)('leaves out $name', ({ holds }) => {
    const holding = [...text].filter(([, code]) => code.includes(holds)).map(([file]) => file);
    expect(holding.length).toBeGreaterThan(0);
    expect(holding.filter((file) => firstScreen.has(file))).toEqual([]);
  });

  it('leaves out the Italian catalogue’s own chunk', () => {
    const italian = manifest[chunkKey(manifest, 'shared/locales/it.json')]!.file;
    expect(text.has(italian)).toBe(true);
    expect(firstScreen.has(italian)).toBe(false);
  });
});
