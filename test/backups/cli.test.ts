import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { counts, sandboxForAll } from '../cli/helpers';
import { salesCsv } from '../imports/helpers';

const box = sandboxForAll();
const rapport = (...args: string[]) => box.run(['--db', box.db, ...args]);

describe('rapport backups', () => {
  it('lists the automatic backups (text and --json) and restores one by its id', () => {
    const none = rapport('backups', 'list');
    expect(none.code, none.stderr).toBe(0);
    expect(none.stdout).toMatch(/^No automatic backups yet\./);
    expect(JSON.parse(rapport('--json', 'backups', 'list').stdout)).toEqual([]);

    const csv = join(box.dir, 'sales.csv');
    writeFileSync(csv, salesCsv(12));
    const imported = rapport('import', 'sales', csv);
    expect(imported.code, imported.stderr).toBe(0);
    expect(counts(box.db).sales).toBe(12);

    const json = rapport('--json', 'backups', 'list');
    expect(json.code, json.stderr).toBe(0);
    const list = JSON.parse(json.stdout) as Record<string, unknown>[];
    expect(list).toEqual([
      {
        id: expect.stringMatching(/^\d{4}-\d\d-\d\dT[\d-]+Z-before-import\.sqlite$/),
        created_at: expect.stringMatching(/Z$/),
        reason: 'before-import',
        bytes: expect.any(Number),
        sales: 0,
        customers: 0,
      },
    ]);
    const text = rapport('backups', 'list');
    expect(text.stdout).toContain('Before an import');
    expect(text.stdout).toContain(String(list[0]!.id));

    const refused = rapport('backups', 'restore', '../rapport.sqlite');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('There is no automatic backup named ../rapport.sqlite. Nothing was changed.');
    expect(counts(box.db).sales).toBe(12);

    const restored = rapport('--json', 'backups', 'restore', String(list[0]!.id));
    expect(restored.code, restored.stderr).toBe(0);
    const result = JSON.parse(restored.stdout) as { previous_saved_as: string; database: string };
    expect(result.previous_saved_as).toMatch(/rapport\.sqlite\.backups\/.+-before-restore\.sqlite$/);
    expect(counts(box.db).sales).toBe(0);
    expect(counts(result.previous_saved_as).sales).toBe(12);
    const after = JSON.parse(rapport('--json', 'backups', 'list').stdout) as { reason: string }[];
    expect(after.map((b) => b.reason)).toEqual(['before-restore', 'before-import']);
  });
});
