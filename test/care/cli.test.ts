import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { localIsoDate } from '../../src-main/shared/dates';
import { formatFor } from '../../src-main/shared/format';
import { addDays } from '../../src-main/shared/dates';
import { query, sandboxForAll } from '../cli/helpers';

// The CLI runs on the real clock, so dates here are relative to today; --as-of pins them.
const today = localIsoDate(new Date());
const closed = addDays(today, -5); // check-ins due today-2 (overdue), today+25, today+85

const box = sandboxForAll();
const rapport = (...args: string[]) => box.run(['--db', box.db, ...args]);
const json = <T>(...args: string[]): T => {
  const result = rapport(...args, '--json');
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as T;
};
type Row = {
  id: string;
  kind: string;
  customer: string | null;
  sale_id: number | null;
  due_on: string;
  status: string;
  sale_title: string | null;
  text: string | null;
  item_id: number | null;
  item_title: string | null;
};
/** What a follow-up that is not an action item says in the keys an action item fills. */
const NOT_ACTION = { text: null, item_id: null, item_title: null };
const count = (table: string): number => query<{ n: number }>(box.db, `SELECT count(*) AS n FROM ${table}`)[0]!.n;

beforeAll(() => {
  const added = rapport(
    ...'sales add --customer Ada --amount 100 --status won --product Kit --date'.split(' '),
    closed,
  );
  expect(added.code, added.stderr).toBe(0);
});

describe('rapport followups list', () => {
  it('prints {id, kind, customer, sale_id, due_on, status, sale_title, text, item_id, item_title} with --json, cumulative by --due', () => {
    const all = json<Row[]>('followups', 'list');
    // The sale's title is the one the app gives a sale without one (product — customer).
    const checkIn = {
      ...{ kind: 'check_in', customer: 'Ada', sale_id: 1, status: 'pending', sale_title: 'Kit — Ada' },
      ...NOT_ACTION,
    };
    expect(all).toEqual([
      { id: 'c1', ...checkIn, due_on: addDays(closed, 3) },
      { id: 'c2', ...checkIn, due_on: addDays(closed, 30) },
      { id: 'c3', ...checkIn, due_on: addDays(closed, 90) },
    ]);
    // The keys and their order are the stable shape: the first six as they always were.
    expect(Object.keys(all[0]!)).toEqual([
      ...['id', 'kind', 'customer', 'sale_id', 'due_on', 'status'],
      ...['sale_title', 'text', 'item_id', 'item_title'],
    ]);
    expect(json<Row[]>('followups', 'list', '--due', 'overdue').map((r) => r.id)).toEqual(['c1']);
    expect(json<Row[]>('followups', 'list', '--due', 'today').map((r) => r.id)).toEqual(['c1']);
    expect(json<Row[]>('followups', 'list', '--due', 'week').map((r) => r.id)).toEqual(['c1']);
    // Seen from the day the second one is due: both are due by then.
    const asOf = addDays(closed, 30);
    expect(json<Row[]>('followups', 'list', '--due', 'today', '--as-of', asOf).map((r) => r.id)).toEqual(['c1', 'c2']);
    expect(json<Row[]>('followups', 'list', '--due', 'overdue', '--as-of', asOf).map((r) => r.id)).toEqual(['c1']);
  });

  it('lists at most --limit, the soonest due first, and says on stderr how many there are', () => {
    const result = rapport('followups', 'list', '--limit', '2', '--json');
    expect(result.code, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as Row[]).map((r) => r.id)).toEqual(['c1', 'c2']);
    expect(result.stderr).toContain('showing the first 2 of 3 follow-ups; --limit shows more.');
    // All of them fit: nothing said.
    const all = rapport('followups', 'list', '--limit', '3', '--json');
    expect((JSON.parse(all.stdout) as Row[]).map((r) => r.id)).toEqual(['c1', 'c2', 'c3']);
    expect(all.stderr).toBe('');
    for (const bad of ['0', '2001', 'ten']) {
      const refused = rapport('followups', 'list', '--limit', bad);
      expect(refused.code, bad).toBe(1);
      expect(refused.stderr, bad).toMatch(/--limit: /);
      expect(refused.stdout, bad).toBe('');
    }
  });

  it('prints a table by default', () => {
    const result = rapport('followups', 'list');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^ID\s+Due\s+Late\s+Kind\s+Customer\s+Why/m);
    expect(result.stdout).toMatch(
      new RegExp(
        `^c1\\s+${formatFor('en').date(addDays(closed, 3))}\\s+2d\\s+check in\\s+Ada\\s+day 3 after the sale`,
        'm',
      ),
    );
    expect(result.stdout).toContain(`3 follow-ups as of ${today}`);
  });

  it('refuses a bad --due (usage, exit 2) and a bad --as-of (invalid, exit 1)', () => {
    const due = rapport('followups', 'list', '--due', 'soon');
    expect(due.code).toBe(2);
    expect(due.stderr).toMatch(/--due/);
    const asOf = rapport('followups', 'list', '--as-of', '2026-02-30');
    expect(asOf.code).toBe(1);
    expect(asOf.stderr).toContain('--as-of: must be a real calendar day written YYYY-MM-DD');
  });
});

describe('rapport followups done / complaints list / customers at-risk', () => {
  it('rejects a bad id or rating with exit 1 and records nothing', () => {
    const id = rapport('followups', 'done', 'x9');
    expect(id.code).toBe(1);
    expect(id.stderr).toContain('ID: must be a follow-up id such as c42');
    const csat = rapport('followups', 'done', 'c1', '--csat', '7', '--nps', 'ten');
    expect(csat.code).toBe(1);
    expect(csat.stderr).toContain('--nps: must be a whole number');
    const range = rapport('followups', 'done', 'c1', '--csat', '7');
    expect(range.code).toBe(1);
    expect(range.stderr).toContain('--csat: must be a whole number from 1 to 5');
    const missing = rapport('followups', 'done', 'c99');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Check-in 99 does not exist');
    expect(query(box.db, "SELECT count(*) AS n FROM check_ins WHERE status <> 'pending'")).toEqual([{ n: 0 }]);
    expect(count('complaints')).toBe(0);
  });

  it('completes a check-in with a concern: the complaint shows and the customer is at risk until resolved', () => {
    const done = rapport('followups', 'done', 'c1', '--csat', '4', '--nps', '9', '--concern', 'Arrived damaged');
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toContain(`Check-in c1 done on ${today}.`);
    expect(done.stdout).toContain('Opened complaint k1: Arrived damaged');
    expect(query(box.db, 'SELECT status, csat, nps, concern FROM check_ins WHERE id = 1')).toEqual([
      { status: 'done', csat: 4, nps: 9, concern: 'Arrived damaged' },
    ]);

    const complaints = json<{ id: number; status: string; source: string; check_in_id: number }[]>(
      'complaints',
      'list',
    );
    expect(complaints).toMatchObject([{ id: 1, status: 'open', source: 'check_in', check_in_id: 1 }]);
    expect(rapport('complaints', 'list').stdout).toMatch(/^k1\s+\d+ \w{3} \d{4}\s+open\s+medium\s+other\s+Ada/m);

    const risk = json<{ customer_name: string; reasons: { code: string }[] }[]>('customers', 'at-risk');
    expect(risk).toEqual([
      expect.objectContaining({
        customer_name: 'Ada',
        reasons: [expect.objectContaining({ code: 'open_complaint', complaint_id: 1 })],
      }),
    ]);
    const again = rapport('followups', 'done', 'c1');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already done');

    const resolved = rapport('followups', 'done', 'k1', '--outcome', 'Replaced it');
    expect(resolved.code, resolved.stderr).toBe(0);
    expect(resolved.stdout).toContain(`Complaint k1 resolved on ${today}.`);
    expect(json<unknown[]>('customers', 'at-risk')).toEqual([]);
    expect(rapport('customers', 'at-risk').stdout).toContain('No customer at risk.');
    expect(json<unknown[]>('complaints', 'list', '--status', 'active')).toEqual([]);
  });
});

describe('rapport followups ics', () => {
  it('writes a calendar file, refuses to replace it without --force, and only .ics', () => {
    const file = join(box.dir, 'followups.ics');
    const first = rapport('followups', 'ics', '--out', file);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^Wrote \d+ follow-ups/);
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(text).toContain(`UID:checkin-2@rapport.local`);
    const again = rapport('followups', 'ics', '--out', file);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');
    expect(rapport('followups', 'ics', '--out', file, '--force').code).toBe(0);
    const wrong = rapport('followups', 'ics', '--out', join(box.dir, 'followups.txt'));
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('must end in .ics');
    expect(existsSync(join(box.dir, 'followups.txt'))).toBe(false);
  });
});

describe('rapport followups list: action items of a seminar note', () => {
  // A sandbox of its own: the action items would change what the tests above count.
  const notes = sandboxForAll();
  const run = (...args: string[]) => notes.run(['--db', notes.db, ...args]);
  const due = addDays(today, 4);

  it('names the action item and the library item it comes from, with no customer', () => {
    const file = join(notes.dir, 'negotiation-day.md');
    writeFileSync(
      file,
      [
        '---',
        'title: Negotiation day',
        'speaker: Roberta Galli',
        '---',
        '',
        `- [ ] Write the walk-away price (due ${due})`,
        '- [ ] Rehearse the opener',
        '- [x] Ask for the slides due 2026-01-02',
        '',
      ].join('\n'),
    );
    const imported = run('library', 'import', file, '--json');
    expect(imported.code, imported.stderr).toBe(0);
    const [item] = JSON.parse(imported.stdout) as { id: number; title: string; status: string }[];
    expect(item).toMatchObject({ status: 'created', title: 'Negotiation day' });

    const listed = run('followups', 'list', '--json');
    expect(listed.code, listed.stderr).toBe(0);
    const [action] = query<{ id: number }>(notes.db, 'SELECT id FROM library_actions WHERE due_on IS NOT NULL');
    // Only the open item with a due date is a follow-up.
    expect(JSON.parse(listed.stdout)).toEqual([
      {
        id: `a${action!.id}`,
        kind: 'action',
        customer: null,
        sale_id: null,
        due_on: due,
        status: 'open',
        sale_title: null,
        text: 'Write the walk-away price',
        item_id: item!.id,
        item_title: 'Negotiation day',
      },
    ]);
  });
});
