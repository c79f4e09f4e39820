/**
 * Library import speed, side by side in one run on the same 500 mixed EPUB/PDF files:
 * `rapport library import` must be at least 3× faster than calibre's `calibredb add`.
 *
 * The files are made once by real tools (pandoc for EPUB, Ghostscript's ps2pdf for PDF,
 * each with a title, an author, an ISBN, a few pages and an outline) and kept in
 * BENCH_LIBRARY_DIR (default: a folder under the system's temp folder), so later runs measure
 * at once. Both imports start from an empty library, copy the files into it and read their
 * metadata; neither is warmed up. Needs pandoc, ghostscript and calibre (Debian
 * packages); without calibredb only Rapport's time is printed and the comparison is skipped.
 */
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';

const run = promisify(execFile);
const FILES = Number(process.env.BENCH_LIBRARY_FILES ?? 500);
const DIR = process.env.BENCH_LIBRARY_DIR ?? join(tmpdir(), `rapport-bench-library-${FILES}`);
const ROOT = new URL('..', import.meta.url).pathname;
const TARGET_RATIO = 3;

const has = (tool: string): boolean => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;

/** An ISBN-13 with a correct check digit, different for each n. */
function isbn(n: number): string {
  const first12 = `978${String(1_000_000_000 + n).slice(1)}`;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3);
  return `${first12}${(10 - (sum % 10)) % 10}`;
}

const WORDS = ['price', 'question', 'customer', 'silence', 'offer', 'trust', 'deadline', 'referral', 'demo', 'habit'];
const title = (n: number): string => `The ${WORDS[n % 10]} of ${WORDS[(n * 7) % 10]} ${n}`;
const author = (n: number): string => `Author ${String.fromCharCode(65 + (n % 26))}. Number${n}`;
const chapters = (n: number): string =>
  [1, 2, 3]
    .map((c) => `# Chapter ${c}\n\n${`Notes on ${WORDS[(n + c) % 10]} and how a seller uses it. `.repeat(40)}\n`)
    .join('\n');

async function makeEpub(n: number, file: string): Promise<void> {
  const md = join(DIR, `.src-${n}.md`);
  writeFileSync(
    md,
    `---\ntitle: "${title(n)}"\nauthor: "${author(n)}"\nidentifier:\n  - scheme: ISBN-13\n    text: "${isbn(n)}"\nlang: en\npublisher: Bench Press\ndate: "2024"\n---\n\n${chapters(n)}`,
  );
  await run('pandoc', [md, '-o', file, '--toc']);
  rmSync(md);
}

/** A PostScript program with pdfmark operators (Info dictionary, outline), made a PDF by Ghostscript. */
async function makePdf(n: number, file: string): Promise<void> {
  const ps = join(DIR, `.src-${n}.ps`);
  const pages = [1, 2, 3].map((c) => {
    const lines = Array.from(
      { length: 40 },
      (_, i) => `72 ${700 - i * 16} moveto (Notes on ${WORDS[(n + c + i) % 10]} and how a seller uses it.) show`,
    );
    return `72 730 moveto (Chapter ${c}) show\n${lines.join('\n')}\nshowpage`;
  });
  writeFileSync(
    ps,
    `%!PS\n[ /Title (${title(n)}) /Author (${author(n)}) /Subject (ISBN ${isbn(n)}) /DOCINFO pdfmark\n` +
      [1, 2, 3].map((c) => `[ /Title (Chapter ${c}) /Page ${c} /OUT pdfmark`).join('\n') +
      `\n/Helvetica findfont 12 scalefont setfont\n${pages.join('\n')}\n`,
  );
  await run('ps2pdf', [ps, file]);
  rmSync(ps);
}

async function makeCorpus(): Promise<string[]> {
  mkdirSync(DIR, { recursive: true });
  const wanted = Array.from({ length: FILES }, (_, n) => join(DIR, n % 2 === 0 ? `book-${n}.epub` : `book-${n}.pdf`));
  const missing = wanted.filter((f) => !existsSync(f));
  if (missing.length > 0) {
    console.log(`making ${missing.length} files in ${DIR} (once)…`);
    const queue = [...missing];
    const worker = async (): Promise<void> => {
      for (let file = queue.shift(); file; file = queue.shift()) {
        const n = Number(/book-(\d+)/.exec(file)![1]);
        await (file.endsWith('.epub') ? makeEpub(n, file) : makePdf(n, file));
      }
    };
    await Promise.all([worker(), worker()]);
  }
  return wanted;
}

function timed(label: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): number {
  const start = performance.now();
  const result = spawnSync(command, args, { env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = performance.now() - start;
  if (result.status !== 0) {
    console.error(result.stdout.slice(-2000), result.stderr.slice(-2000));
    throw new Error(`${label} failed (exit ${result.status})`);
  }
  return ms;
}

async function main(): Promise<void> {
  for (const tool of ['pandoc', 'ps2pdf']) {
    if (!has(tool)) throw new Error(`${tool} is needed to make the bench's files (apt-get install pandoc ghostscript)`);
  }
  const files = await makeCorpus();
  if (!existsSync(join(ROOT, 'out', 'cli', 'main.js'))) execFileSync('npm', ['run', 'build:cli'], { cwd: ROOT });
  const work = mkdtempSync(join(tmpdir(), 'rapport-bench-lib-'));
  try {
    const db = join(work, 'rapport.sqlite');
    const rapport = timed(
      'rapport library import',
      process.execPath,
      [join(ROOT, 'bin', 'rapport.js'), 'library', 'import', DIR, '--json'],
      {
        RAPPORT_DB: db,
      },
    );
    const imported = JSON.parse(
      spawnSync(process.execPath, [join(ROOT, 'bin', 'rapport.js'), 'library', 'list', '--limit', '500', '--json'], {
        env: { ...process.env, RAPPORT_DB: db },
        encoding: 'utf8',
      }).stdout,
    ) as unknown[];
    console.log(
      `rapport library import: ${files.length} files in ${(rapport / 1000).toFixed(2)} s (${imported.length} items)`,
    );
    if (!has('calibredb')) {
      console.log('calibredb not installed: comparison skipped (apt-get install calibre)');
      return;
    }
    const calibreLibrary = join(work, 'calibre');
    mkdirSync(calibreLibrary);
    const calibre = timed('calibredb add', 'calibredb', ['add', '--recurse', '--with-library', calibreLibrary, DIR]);
    const ratio = calibre / rapport;
    console.table([
      { tool: 'rapport library import', seconds: +(rapport / 1000).toFixed(2) },
      { tool: 'calibredb add', seconds: +(calibre / 1000).toFixed(2) },
    ]);
    console.log(
      `rapport is ${ratio.toFixed(1)}× faster (target ≥ ${TARGET_RATIO}×): ${ratio >= TARGET_RATIO ? 'yes' : 'NO'}`,
    );
    console.log(`files: ${readdirSync(DIR).filter((f) => !f.startsWith('.')).length}`);
    if (ratio < TARGET_RATIO) process.exitCode = 1;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
