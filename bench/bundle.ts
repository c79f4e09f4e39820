/**
 * The renderer's weight on the wire, run with `npm run bench:bundle` after a build
 * (`npx electron-vite build`; this script builds nothing). Reads out/renderer and its Vite
 * manifest and prints, raw and gzip:
 * - the first screen's JS: the entry chunk, every chunk it imports, the Home screen's chunks (or
 *   the Welcome screen's, for a new user) and the catalogue of the language shown (English);
 * - every chunk over 20 KB raw, and what the charts, Markdown and the other catalogue weigh.
 * Target (issue 14): the first screen's JS at most 200 KB gzip; above it this exits with 1.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { firstScreens, readManifest } from './chunkGraph';

const OUT = join(process.cwd(), 'out', 'renderer');
const TARGET_GZIP = 200 * 1024;
const LISTED_RAW = 20 * 1024;

const manifest = readManifest(OUT);
if (!manifest) {
  console.error(`No build to weigh at ${OUT}: run \`npx electron-vite build\` first.`);
  process.exit(2);
}

const sizes = new Map<string, { raw: number; gzip: number }>();
function size(file: string): { raw: number; gzip: number } {
  let known = sizes.get(file);
  if (!known) {
    const bytes = readFileSync(join(OUT, file));
    known = { raw: bytes.length, gzip: gzipSync(bytes).length };
    sizes.set(file, known);
  }
  return known;
}

const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
const total = (files: Iterable<string>): { raw: number; gzip: number } => {
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    raw += size(file).raw;
    gzip += size(file).gzip;
  }
  return { raw, gzip };
};

const screens = firstScreens(manifest).map(({ name, files }) => ({ name, files, ...total(files) }));

console.log('| first screen | chunks | raw | gzip | target |');
console.log('|---|---|---|---|---|');
for (const screen of screens)
  console.log(
    `| ${screen.name} | ${screen.files.size} | ${kib(screen.raw)} | ${kib(screen.gzip)} | ${screen.gzip <= TARGET_GZIP ? 'ok' : 'OVER'} ≤ ${kib(TARGET_GZIP)} |`,
  );

const firstScreen = new Set(screens.flatMap((screen) => [...screen.files]));
const chunks = Object.values(manifest)
  .filter((chunk) => chunk.file.endsWith('.js'))
  .map((chunk) => ({ chunk, ...size(chunk.file) }))
  .filter(({ raw }) => raw >= LISTED_RAW)
  .sort((a, b) => b.raw - a.raw);
console.log('\n| chunk over 20 KB | source | raw | gzip | first screen |');
console.log('|---|---|---|---|---|');
for (const { chunk, raw, gzip } of chunks)
  console.log(
    `| ${chunk.file} | ${chunk.src ?? '(shared)'} | ${kib(raw)} | ${kib(gzip)} | ${firstScreen.has(chunk.file) ? 'yes' : 'no'} |`,
  );

const over = screens.filter((screen) => screen.gzip > TARGET_GZIP);
if (over.length > 0) {
  console.error(`\nOver ${kib(TARGET_GZIP)} gzip: ${over.map((screen) => screen.name).join(', ')}`);
  process.exit(1);
}
