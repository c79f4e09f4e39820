// `rapport library import | list | show` on a new database, with one file of each kind the
// issue names (made by pandoc, Ghostscript and ffmpeg: test/fixtures/library/make.sh) and with
// hostile ones beside them.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { extname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { query, sandboxForAll } from '../cli/helpers';
import { fixture } from './highlights/helpers';

const box = sandboxForAll();
const rapport = (...args: string[]) => box.run(['--db', box.db, ...args]);
const count = (table: string): number => query<{ n: number }>(box.db, `SELECT count(*) AS n FROM ${table}`)[0]!.n;
const libraryFiles = (): string[] =>
  existsSync(join(box.dir, 'library'))
    ? readdirSync(join(box.dir, 'library'), { withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => e.name)
    : [];
const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Copies fixtures into a folder of the sandbox, as a seller's folder would hold them. */
function folder(name: string, files: readonly string[]): string {
  const dir = join(box.dir, name);
  mkdirSync(dir, { recursive: true });
  for (const file of files) copyFileSync(fixture(file), join(dir, file));
  return dir;
}

// Each kind of file, and the kind it must become.
const KINDS: Record<string, string> = {
  'epub-pandoc3.epub': 'ebook',
  'pdf-ghostscript.pdf': 'book',
  'media-podcast.mp3': 'audio',
  'media-audiobook.m4b': 'audiobook',
  'media-lecture.flac': 'audio',
  'media-memo.wav': 'audio',
  'media-talk.mp4': 'video',
  'media-pitch.m4v': 'video',
  'media-roleplay.mov': 'video',
  'media-workshop.mkv': 'video',
  'media-followup.webm': 'video',
  'notes-negotiation-en.md': 'seminar',
};
const RESULT_KEYS = ['authors', 'duration_s', 'file', 'id', 'isbn13', 'kind', 'pages', 'status', 'title'];

interface FileLine {
  file: string;
  status: string;
  id: number | null;
  kind: string | null;
  title: string | null;
  authors: string[];
  isbn13: string | null;
  pages: number | null;
  duration_s: number | null;
  reason?: string;
}

describe('rapport library import, list and show', () => {
  it('imports a folder of every kind, one line per file, the files stored by their content', () => {
    const dir = folder('books', Object.keys(KINDS));
    const run = rapport('library', 'import', dir, '--json');
    expect(run.code, run.stderr).toBe(0);
    const lines = JSON.parse(run.stdout) as FileLine[];
    expect(lines.map((l) => l.file).sort()).toEqual(
      Object.keys(KINDS)
        .map((f) => join(dir, f))
        .sort(),
    );
    for (const line of lines) {
      const name = line.file.slice(dir.length + 1);
      expect(Object.keys(line).sort(), name).toEqual(RESULT_KEYS);
      expect(line.status, name).toBe('created');
      expect(line.kind, name).toBe(KINDS[name]);
      expect(line.title, name).toMatch(/\S/);
      expect(Array.isArray(line.authors), name).toBe(true);
      if (line.kind === 'audio' || line.kind === 'audiobook' || line.kind === 'video') {
        expect(line.duration_s, name).toBeGreaterThan(0);
      }
      if (line.isbn13 !== null) expect(line.isbn13, name).toMatch(/^97[89]\d{10}$/);
    }
    const pdf = lines.find((l) => l.file.endsWith('.pdf'))!;
    expect(pdf.pages).toBeGreaterThan(0);
    const seminar = lines.find((l) => l.kind === 'seminar')!;
    expect(seminar.authors.length).toBeGreaterThan(0);

    // Copied next to the database, each named by its content's hash, nothing else left there.
    const stored = Object.keys(KINDS).map((f) => `${sha256(join(dir, f))}${extname(f)}`);
    expect(libraryFiles().sort()).toEqual(stored.sort());
    expect(count('library_items')).toBe(Object.keys(KINDS).length);
  });

  it('reports a duplicate with the existing id, and a hostile file as an error while the rest is imported', () => {
    const before = count('library_items');
    const storedBefore = libraryFiles();
    const dir = folder('mixed', [
      'epub-zipbomb.epub',
      'epub-traversal.epub',
      'epub-entities.epub',
      'media-truncated.mp3',
      'pdf-loop.pdf',
      'notes-seminario-it.md',
    ]);
    const again = fixture('epub-pandoc3.epub');
    const run = rapport('library', 'import', dir, again, '--json');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('5 files could not be imported; the others were.');
    const lines = JSON.parse(run.stdout) as FileLine[];
    const byName = new Map(lines.map((l) => [l.file.split('/').pop()!, l]));

    for (const hostile of ['epub-zipbomb.epub', 'epub-traversal.epub', 'epub-entities.epub', 'media-truncated.mp3']) {
      const line = byName.get(hostile)!;
      expect(line.status, hostile).toBe('error');
      expect(line.id, hostile).toBeNull();
      expect(line.reason, hostile).toMatch(/\S/);
    }
    expect(byName.get('pdf-loop.pdf')!.reason).toContain('loop');
    expect(byName.get('epub-traversal.epub')!.reason).toContain('../evil.sh');

    const existing = query<{ id: number }>(box.db, "SELECT id FROM library_items WHERE kind = 'ebook'")[0]!.id;
    const duplicate = byName.get('epub-pandoc3.epub')!;
    expect(duplicate).toMatchObject({ status: 'duplicate', id: existing });
    expect(duplicate.reason).toContain(`#${existing}`);

    const seminar = byName.get('notes-seminario-it.md')!;
    expect(seminar).toMatchObject({ status: 'created', kind: 'seminar' });
    // One new row, one new stored file: nothing of the refused ones.
    expect(count('library_items')).toBe(before + 1);
    expect(libraryFiles().sort()).toEqual([...storedBefore, `${sha256(fixture('notes-seminario-it.md'))}.md`].sort());
  });

  it('links a file in place with --link, and says so when it has gone missing', () => {
    const dir = folder('linked', ['media-roleplay.mov']);
    rmSync(join(box.dir, 'library', `${sha256(join(dir, 'media-roleplay.mov'))}.mov`));
    // The same content is already stored: a linked import of it is a duplicate, not a second row.
    const dup = rapport('library', 'import', '--link', join(dir, 'media-roleplay.mov'), '--json');
    expect(JSON.parse(dup.stdout)[0].status).toBe('duplicate');

    const fresh = folder('linked', ['media-sound-only.mp4']);
    const file = join(fresh, 'media-sound-only.mp4');
    const run = rapport('library', 'import', '--link', file, '--json');
    expect(run.code, run.stderr).toBe(0);
    const [line] = JSON.parse(run.stdout) as FileLine[];
    expect(line).toMatchObject({ status: 'created' });
    expect(libraryFiles().some((f) => f.startsWith(sha256(file)))).toBe(false);

    const shown = JSON.parse(rapport('library', 'show', String(line!.id), '--json').stdout);
    expect(shown).toMatchObject({ source: 'linked', file_missing: false });
    rmSync(file);
    const gone = JSON.parse(rapport('library', 'show', String(line!.id), '--json').stdout);
    expect(gone.file_missing).toBe(true);
    expect(rapport('library', 'show', String(line!.id)).stdout).toContain('(not found where it was linked)');
  });

  it('lists with filters as an array of snake_case objects, and shows an item with its highlights', () => {
    const all = rapport('library', 'list', '--json');
    expect(all.code, all.stderr).toBe(0);
    const items = JSON.parse(all.stdout) as Record<string, unknown>[];
    expect(items.length).toBe(count('library_items'));
    for (const item of items) {
      expect(Object.keys(item).sort()).toEqual([
        'authors',
        'duration_s',
        'highlights',
        'id',
        'isbn13',
        'kind',
        'pages',
        'status',
        'title',
      ]);
    }
    const videos = JSON.parse(rapport('library', 'list', '--kind', 'video', '--json').stdout) as { kind: string }[];
    const expected = query<{ n: number }>(box.db, "SELECT count(*) AS n FROM library_items WHERE kind = 'video'")[0]!.n;
    expect(videos).toHaveLength(expected);
    expect(videos.every((v) => v.kind === 'video')).toBe(true);
    expect(JSON.parse(rapport('library', 'list', '--status', 'done', '--json').stdout)).toEqual([]);

    const bad = rapport('library', 'list', '--kind', 'movie');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--kind');

    // Highlights from a Kindle file: the item that has them shows them, in JSON and as text.
    expect(rapport('library', 'import-kindle', fixture('clippings-en.txt')).code).toBe(0);
    const listed = JSON.parse(rapport('library', 'list', '--json').stdout) as { id: number; highlights: number }[];
    expect(listed).toHaveLength(count('library_items'));
    const marked = listed.find((i) => i.highlights > 0)!;
    const shown = rapport('library', 'show', String(marked.id), '--json');
    const item = JSON.parse(shown.stdout) as { highlight_list: { kind: string; text: string }[] };
    expect(item.highlight_list).toHaveLength(marked.highlights);
    const text = rapport('library', 'show', String(marked.id)).stdout;
    for (const h of item.highlight_list.filter((x) => x.text)) expect(text).toContain(h.text);
    expect(text).not.toMatch(/ $/m);

    const missing = rapport('library', 'show', '9999');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('9999');
  });
});
