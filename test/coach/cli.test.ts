import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sandboxForAll } from '../cli/helpers';

/**
 * `rapport coach summary` as a coach runs it: two sellers' reports written by `rapport report
 * --format json` on databases of their own, summarised as CSV and PDF by the workspace's own
 * reader and writer; a hand-edited report stops the command with the check that failed.
 */
describe('rapport coach summary', () => {
  const box = sandboxForAll();
  const file = (name: string): string => join(box.dir, name);
  const ok = (args: string[]): string => {
    const r = box.run(args);
    expect(r.stderr, `rapport ${args.join(' ')}`).toBe('');
    expect(r.code).toBe(0);
    return r.stdout;
  };

  beforeAll(() => {
    for (const [seller, seed] of [
      ['Sara Venditti', 'sara'],
      ['Luca Bianchi', 'luca'],
    ] as const) {
      const db = file(`${seed}.sqlite`);
      ok(['--db', db, 'demo', '--sales', '200', '--end', '2026-06-30', '--lang', 'en']);
      ok([
        '--db',
        db,
        'report',
        '--from',
        '2026-04-01',
        '--to',
        '2026-06-30',
        '--out',
        file(`${seed}.json`),
        '--seller',
        seller,
      ]);
    }
  }, 240_000);

  it('writes one CSV row per report, and a PDF naming every seller', () => {
    const out = ok([
      '--db',
      file('coach.sqlite'),
      'coach',
      'summary',
      file('sara.json'),
      file('luca.json'),
      '--out',
      file('team.csv'),
    ]);
    expect(out).toContain('a summary of 2 reports');
    const lines = readFileSync(file('team.csv'), 'utf8').trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(
      lines
        .slice(1)
        .map((l) => l.split(',')[0])
        .sort(),
    ).toEqual(['Luca Bianchi', 'Sara Venditti']);
    const json = JSON.parse(
      ok([
        '--db',
        file('coach.sqlite'),
        '--json',
        'coach',
        'summary',
        file('sara.json'),
        file('luca.json'),
        '--out',
        file('team.pdf'),
      ]),
    ) as { path: string; rows: number };
    expect(json).toMatchObject({ path: file('team.pdf'), rows: 2 });
    const text = execFileSync('pdftotext', ['-layout', file('team.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('Coach summary');
    expect(text).toContain('Sara');
    expect(text).toContain('Luca');
  }, 120_000);

  it('stops at a hand-edited report, saying which check failed, and writes nothing', () => {
    const doc = JSON.parse(readFileSync(file('luca.json'), 'utf8')) as { summary: { deals_won: number } };
    doc.summary.deals_won += 1;
    writeFileSync(file('edited.json'), JSON.stringify(doc, null, 2));
    const r = box.run([
      '--db',
      file('coach.sqlite'),
      'coach',
      'summary',
      file('sara.json'),
      file('edited.json'),
      '--out',
      file('bad.csv'),
    ]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('edited.json was changed after Rapport wrote it');
    expect(() => readFileSync(file('bad.csv'))).toThrow();
  });
});
