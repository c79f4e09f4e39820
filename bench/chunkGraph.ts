/**
 * The built renderer's chunk graph, read from out/renderer's Vite manifest: which JS files the
 * first screen needs before it shows. Weighed by bench/bundle.ts; test/architecture/firstBundle
 * checks what must stay off it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}
export type Manifest = Record<string, ManifestChunk>;

/** The manifest of the renderer built into `out`, or null when nothing is built there. */
export function readManifest(out: string): Manifest | null {
  const file = join(out, '.vite', 'manifest.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Manifest) : null;
}

/** The manifest key of the one chunk whose source ends with `source`. */
export function chunkKey(manifest: Manifest, source: string): string {
  const found = Object.keys(manifest).filter((k) => k.endsWith(source));
  if (found.length !== 1) throw new Error(`The manifest has ${found.length} chunks for ${source}`);
  return found[0]!;
}

/** The JS files a chunk needs before it runs: itself and its static imports, transitively. */
function closure(manifest: Manifest, start: string, into = new Set<string>()): Set<string> {
  const chunk = manifest[start];
  if (!chunk) throw new Error(`The manifest has no chunk ${start}`);
  if (into.has(chunk.file)) return into;
  into.add(chunk.file);
  for (const imported of chunk.imports ?? []) closure(manifest, imported, into);
  return into;
}

export interface FirstScreen {
  name: string;
  /** The entry chunk, every chunk it imports, the screen's chunks and the English catalogue. */
  files: Set<string>;
}

/** What the window loads before its first screen shows: Home, or the Welcome for a new user, in English. */
export function firstScreens(manifest: Manifest): FirstScreen[] {
  const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry);
  if (!entry) throw new Error('The manifest names no entry chunk');
  const english = chunkKey(manifest, 'shared/locales/en.json');
  return [
    { name: 'Home', page: chunkKey(manifest, 'features/home/HomePage.tsx') },
    { name: 'Welcome (new user)', page: chunkKey(manifest, 'features/onboarding/WelcomePage.tsx') },
  ].map(({ name, page }) => {
    const files = closure(manifest, entry);
    closure(manifest, page, files);
    closure(manifest, english, files);
    return { name, files };
  });
}
