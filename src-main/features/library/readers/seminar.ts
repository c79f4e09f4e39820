import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument } from 'yaml';
import { isIsoDate } from '../../../shared/dates';
import { emptyItem, ReadFailure, type FileReader, type ReadContext, type ReadItem } from './types';

/**
 * Markdown seminar notes (.md, .markdown): a seminar item whose body is the Markdown.
 *
 * Front matter: YAML between a first line `---` and the next line `---` (or `...`); a file
 * whose `---` is never closed has none (its first line is a Markdown rule). Parsed with the
 * yaml package's core schema, so dates stay strings and `yes` stays a word; explicit tags
 * (`!!binary`, `!js/function`, …) are refused, and so is a file whose aliases would expand past
 * MAX_ALIASES (a "billion laughs"). Fields, by any of their names (case does not matter):
 * - title | titolo: a text; without one, the first `# heading` of the body;
 * - speaker | speakers | relatore | relatori | relatrice: a name or a list of names (role speaker);
 * - date | data: `YYYY-MM-DD` (a time after it is ignored) or `DD/MM/YYYY`, the seminar's day
 *   (and the item's year); a bare year (`2026`) sets only the year;
 * - event | evento: a text;
 * - tags | tag: a list, or one text with commas (a leading # is dropped);
 * - language | lang | lingua: a language tag ('it', 'en-GB');
 * - description | summary | descrizione: a text.
 * Other fields are ignored; a known field of the wrong shape (a list as the title) is refused.
 *
 * Action items: list items written `- [ ] text` (open) or `- [x] text` (done), with `*`, `+`,
 * `1.` or `1)` as the marker too, at any depth, outside fenced code blocks. A due date may be
 * written in the line in one of these forms (the first found is taken out of the text):
 * - `due 2026-12-10` or `due: 2026-12-10`, in parentheses or not;
 * - `📅 2026-12-10` (the Obsidian Tasks plugin's form);
 * - `entro il 10/12/2026` or `entro il 2026-12-10` (Italian, day first; `.` or `-` work as
 *   separators too), in parentheses or not.
 * A form with an impossible day (2026-02-30) is no due date and stays in the text.
 */

const MAX_ALIASES = 50;
/** Bytes read at most (the body may hold 1,000,000 characters). */
const MAX_BYTES = 4 * 1024 * 1024;
const MAX_BODY = 1_000_000;
const MAX_ACTIONS = 1000;

const fail = (key: string, values: Record<string, string | number> = {}) =>
  new ReadFailure(`library.failures.${key}`, values);

const FIELDS = {
  title: ['title', 'titolo'],
  speaker: ['speaker', 'speakers', 'relatore', 'relatori', 'relatrice'],
  date: ['date', 'data'],
  event: ['event', 'evento'],
  tags: ['tags', 'tag'],
  language: ['language', 'lang', 'lingua'],
  description: ['description', 'summary', 'descrizione'],
} as const;

type Field = keyof typeof FIELDS;

const ACTION = /^\s*(?:[-*+]|\d{1,9}[.)])\s+\[([ xX])\]\s+(.*)$/;
const FENCE = /^\s{0,3}(`{3,}|~{3,})/;
const HEADING = /^ {0,3}#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$/;
const DUE_FORMS: { pattern: RegExp; day: (m: RegExpExecArray) => string }[] = [
  { pattern: /\(?\bdue:?\s+(\d{4}-\d{2}-\d{2})\)?/i, day: (m) => m[1]! },
  { pattern: /📅\s*(\d{4}-\d{2}-\d{2})/u, day: (m) => m[1]! },
  { pattern: /\(?\bentro(?:\s+il)?\s+(\d{4}-\d{2}-\d{2})\)?/i, day: (m) => m[1]! },
  {
    pattern: /\(?\bentro(?:\s+il)?\s+(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\)?/i,
    day: (m) => `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`,
  },
];

/** An action's due day and its text without it. */
export function dueDate(line: string): { text: string; dueOn: string | null } {
  for (const { pattern, day } of DUE_FORMS) {
    const m = pattern.exec(line);
    if (!m) continue;
    const dueOn = day(m);
    if (!isIsoDate(dueOn)) continue;
    const text = (line.slice(0, m.index) + ' ' + line.slice(m.index + m[0].length)).replace(/\s+/g, ' ').trim();
    return { text: text.replace(/\s*[,;:–-]$/, ''), dueOn };
  }
  return { text: line.replace(/\s+/g, ' ').trim(), dueOn: null };
}

/** The Markdown's lines outside fenced code blocks (a fence closes with its own character, at least as long). */
function* outsideFences(markdown: string): Generator<string> {
  let fence: string | null = null;
  for (const line of markdown.split('\n')) {
    const f = FENCE.exec(line);
    if (f) {
      const mark = f[1]!;
      if (fence === null) fence = mark;
      else if (mark[0] === fence[0] && mark.length >= fence.length) fence = null;
      continue;
    }
    if (fence === null) yield line;
  }
}

/** `- [ ]` and `- [x]` lines of the Markdown, outside fenced code blocks. */
export function actionItems(markdown: string): ReadItem['actions'] {
  const actions: ReadItem['actions'] = [];
  for (const line of outsideFences(markdown)) {
    const m = ACTION.exec(line);
    if (!m) continue;
    const { text, dueOn } = dueDate(m[2]!);
    if (!text) continue;
    actions.push({ text, dueOn, done: m[1] !== ' ' });
    if (actions.length >= MAX_ACTIONS) break;
  }
  return actions;
}

/** The first `# heading` outside fenced code, without its Markdown emphasis. */
function firstHeading(markdown: string): string | null {
  for (const line of outsideFences(markdown)) {
    const m = HEADING.exec(line);
    if (m) return m[1]!.replace(/\*\*|__|`/g, '').trim() || null;
  }
  return null;
}

/** The front matter's text and the line it starts on (1-based), and the body after it. */
function splitFrontMatter(text: string): { yaml: string | null; yamlLines: number; body: string } {
  const lines = text.split('\n');
  if (lines[0]?.trimEnd() !== '---') return { yaml: null, yamlLines: 0, body: text };
  const close = lines.findIndex((line, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(line));
  if (close < 0) return { yaml: null, yamlLines: 0, body: text };
  return {
    yaml: lines.slice(1, close).join('\n'),
    yamlLines: close - 1,
    body: lines
      .slice(close + 1)
      .join('\n')
      .replace(/^\s*\n/, ''),
  };
}

function parseFrontMatter(yaml: string, yamlLines: number): Record<string, unknown> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yaml, {
    schema: 'core',
    resolveKnownTags: false,
    uniqueKeys: true,
    merge: false,
    strict: true,
    prettyErrors: false,
    lineCounter,
  });
  // An unknown or explicit tag is only a warning to the yaml package; here it is refused.
  const problem = doc.errors[0] ?? doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
  if (problem) {
    // The front matter starts on the file's second line; an error at its very end is on its last line.
    const line = Math.min(lineCounter.linePos(problem.pos[0]).line, Math.max(1, yamlLines)) + 1;
    throw fail('notesFrontMatter', { line });
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch {
    throw fail('notesAliases');
  }
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data)) throw fail('notesFrontMatterShape');
  return data as Record<string, unknown>;
}

/** A field's value and its name as the file writes it (for a message that names it). */
function field(data: Record<string, unknown>, name: Field): { key: string; value: unknown } {
  const names: readonly string[] = FIELDS[name];
  for (const [key, value] of Object.entries(data)) if (names.includes(key.toLowerCase())) return { key, value };
  return { key: name, value: undefined };
}

/** A text field: a string or a number, or refused by name. */
function textField(data: Record<string, unknown>, name: Field): string | null {
  const { key, value } = field(data, name);
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return String(value).replace(/\s+/g, ' ').trim() || null;
  }
  throw fail('notesField', { field: key });
}

function listField(data: Record<string, unknown>, name: Field, split: RegExp | null): string[] {
  const { key, value } = field(data, name);
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value : [value];
  const out: string[] = [];
  for (const item of items) {
    if (item === null || item === undefined) continue;
    if (typeof item !== 'string' && typeof item !== 'number') throw fail('notesField', { field: key });
    for (const part of split ? String(item).split(split) : [String(item)]) {
      const clean = part.replace(/\s+/g, ' ').trim();
      if (clean && !out.some((o) => o.toLowerCase() === clean.toLowerCase())) out.push(clean);
    }
  }
  return out;
}

/** The seminar's day (and year) from `date`: YYYY-MM-DD[…time], DD/MM/YYYY, or a bare year. */
function heldOn(data: Record<string, unknown>): { day: string | null; year: number | null } {
  const { value } = field(data, 'date');
  if (value === undefined || value === null || value === '') return { day: null, year: null };
  if (typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= 9999) {
    return { day: null, year: value };
  }
  const raw = typeof value === 'string' ? value.trim() : '';
  const iso = /^(\d{4}-\d{2}-\d{2})(?:[T ].*)?$/.exec(raw);
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(raw);
  const day = iso ? iso[1]! : dmy ? `${dmy[3]}-${dmy[2]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}` : null;
  if (!day || !isIsoDate(day)) throw fail('notesDate', { value: String(raw || JSON.stringify(value)).slice(0, 40) });
  return { day, year: Number(day.slice(0, 4)) };
}

function language(raw: string | null): string | null {
  if (!raw) return null;
  try {
    return Intl.getCanonicalLocales(raw)[0] ?? null;
  } catch {
    return null;
  }
}

async function read(path: string, size: number, _ctx: ReadContext): Promise<ReadItem> {
  if (size === 0) throw fail('empty');
  if (size > MAX_BYTES) throw fail('notesTooLarge');
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch {
    throw fail('unreadable');
  }
  if (bytes.length > MAX_BYTES) throw fail('notesTooLarge');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw fail('notesNotText');
  }
  // eslint-disable-next-line no-control-regex -- a NUL or other C0 control (but tab and line breaks) means binary
  if (/[\u0000-\u0008\u000e-\u001f]/.test(text)) throw fail('notesNotText');
  text = text.replace(/\r\n?/g, '\n');
  if (!text.trim()) throw fail('empty');

  const { yaml, yamlLines, body } = splitFrontMatter(text);
  const data = yaml === null ? {} : parseFrontMatter(yaml, yamlLines);
  if (body.length > MAX_BODY) throw fail('notesTooLarge');

  const item = emptyItem('seminar', 'text/markdown');
  item.title = (textField(data, 'title') ?? firstHeading(body))?.slice(0, 500) ?? null;
  for (const name of listField(data, 'speaker', null)) {
    if (name.length <= 200) item.people.push({ name, role: 'speaker' });
  }
  const { day, year } = heldOn(data);
  item.heldOn = day;
  item.year = year;
  item.event = textField(data, 'event');
  item.tags = listField(data, 'tags', /,/)
    .map((t) => t.replace(/^#/, '').trim().slice(0, 40).trim())
    .filter((t, i, all) => t && all.findIndex((o) => o.toLowerCase() === t.toLowerCase()) === i)
    .slice(0, 30);
  item.language = language(textField(data, 'language'));
  item.description = textField(data, 'description');
  item.body = body;
  item.actions = actionItems(body);
  return item;
}

/** The Markdown seminar notes reader. */
export const seminarReader: FileReader = { extensions: ['.md', '.markdown'], read };
