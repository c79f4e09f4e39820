import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { localIsoDate } from '../../src-main/shared/dates';
import { sandboxForAll } from './helpers';

// Every list a command prints with --json: a plain array of objects whose keys are all snake_case.
const box = sandboxForAll();
const rapport = (...args: string[]) => box.run(['--db', box.db, ...args]);
const today = localIsoDate(new Date());

beforeAll(() => {
  // Sample data holds sales, customers, follow-ups, complaints and customers at risk; a goal and
  // an import batch are added so that every list below has rows.
  expect(rapport('demo', '--sales', '300', '--seed', '3').code).toBe(0);
  const year = today.slice(0, 4);
  const goal = rapport(
    ...['goals', 'add', '--title', 'Revenue', '--metric', 'revenue', '--target', '1000'],
    ...['--from', `${year}-01-01`, '--to', `${year}-12-31`],
  );
  expect(goal.code, goal.stderr).toBe(0);
  const csv = join(box.dir, 'people.csv');
  writeFileSync(csv, 'Name,Email\nZed Imported,zed@example.com\n');
  const imported = rapport('import', 'customers', csv);
  expect(imported.code, imported.stderr).toBe(0);
});

/** Every key of every object at any depth, with the path that leads to it. */
function keys(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => keys(v, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => [`${path}.${key}`, ...keys(inner, `${path}.${key}`)]);
}

describe('--json of every list command', () => {
  it.each([
    [
      ['sales', 'list'],
      ['id', 'customer_name', 'amount_minor', 'currency', 'opened_on'],
    ],
    [
      ['customers', 'list'],
      ['id', 'name', 'lifetime_value_minor', 'currency', 'last_purchase'],
    ],
    [
      ['customers', 'at-risk'],
      ['customer_id', 'customer_name', 'reasons'],
    ],
    [
      ['complaints', 'list'],
      ['id', 'customer_name', 'opened_on', 'days_to_resolve'],
    ],
    [
      ['followups', 'list'],
      ['id', 'kind', 'customer', 'sale_id', 'due_on', 'status', 'sale_title', 'text', 'item_id', 'item_title'],
    ],
    [
      ['goals', 'list'],
      ['id', 'title', 'expected_now', 'required_per_day', 'forecast', 'milestones'],
    ],
    [
      ['import', 'history'],
      ['id', 'kind', 'source_name', 'customers_created', 'created_at', 'undone_at'],
    ],
  ])('rapport %j --json prints an array of snake_case objects', (command, expectedKeys) => {
    const result = rapport(...command, '--json');
    expect(result.code, result.stderr).toBe(0);
    const rows = JSON.parse(result.stdout) as unknown;
    expect(Array.isArray(rows)).toBe(true);
    const list = rows as Record<string, unknown>[];
    expect(list.length).toBeGreaterThan(0);
    for (const row of list) {
      expect(typeof row).toBe('object');
      expect(Object.keys(row)).toEqual(expect.arrayContaining(expectedKeys));
    }
    const notSnake = keys(list).filter((path) => !/^[a-z][a-z0-9_]*$/.test(path.slice(path.lastIndexOf('.') + 1)));
    expect(notSnake).toEqual([]);
  });
});
