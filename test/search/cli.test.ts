import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { query, sandboxForEachTest } from '../cli/helpers';
import { addComplaint, addCustomer, addEntry, addSale, addTechnique } from './helpers';

const box = sandboxForEachTest();

const rapport = (...args: string[]) => box.run(['--db', box.db, ...args]);

/** A new database made by the CLI, then given rows as the app would write them. */
function seeded(): Record<string, number> {
  expect(rapport('customers', 'list').code).toBe(0);
  const sqlite = new Database(box.db);
  try {
    const ada = addCustomer(sqlite, 'Ada Rossi', 'Chiede sempre perché il prezzo cambia');
    const bea = addCustomer(sqlite, 'Bea Verdi');
    return {
      ada,
      bea,
      sale: addSale(sqlite, bea, 'Workshop Verdi', 'Prezzo concordato dopo la demo', '2026-04-02'),
      entry: addEntry(sqlite, { date: '2026-05-20', title: 'Il prezzo', body: 'Perché ho ceduto sul prezzo?' }),
      complaint: addComplaint(sqlite, bea, 'Fattura con il prezzo sbagliato', '2026-05-03'),
      technique: addTechnique(sqlite, 'Silenzio', 'Tacere dopo aver detto il prezzo'),
    };
  } finally {
    sqlite.close();
  }
}

describe('rapport journal search', () => {
  it('says when nothing is found, in a table or as an empty list', () => {
    const none = rapport('journal', 'search', 'prezzo');
    expect(none).toMatchObject({ code: 0, stdout: 'Nothing found for “prezzo”.\n' });
    expect(rapport('journal', 'search', 'prezzo', '--json')).toMatchObject({ code: 0, stdout: '[]\n', stderr: '' });
    // Text with no word in it is no error either.
    expect(rapport('journal', 'search', '"', '--json')).toMatchObject({ code: 0, stdout: '[]\n' });
    expect(rapport('journal', 'search', 'NEAR(', '*')).toMatchObject({ code: 0 });
  });

  it('prints {kind, id, title, snippet, date} with plain snippets, newest first on request', () => {
    const ids = seeded();
    const result = rapport('journal', 'search', 'perche', '--json', '--newest');
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([
      {
        kind: 'journal',
        id: ids.entry,
        title: 'Il prezzo',
        snippet: 'Perché ho ceduto sul prezzo?',
        date: '2026-05-20',
      },
      {
        kind: 'customer',
        id: ids.ada,
        title: 'Ada Rossi',
        snippet: 'Chiede sempre perché il prezzo cambia',
        date: '2026-01-05',
      },
    ]);
    const all = JSON.parse(rapport('journal', 'search', 'prez', '--json', '--newest').stdout) as { kind: string }[];
    expect(all.map((h) => h.kind)).toEqual(['journal', 'complaint', 'sale', 'technique', 'customer']);
    for (const hit of all) expect(Object.keys(hit)).toEqual(['kind', 'id', 'title', 'snippet', 'date']);
  });

  it('marks the words found in [brackets] in the table, and says how many of each kind', () => {
    seeded();
    const result = rapport('journal', 'search', 'prezzo', 'perche');
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^Kind\s+ID\s+Date\s+Title\s+Found in$/);
    expect(result.stdout).toContain('[Perché] ho ceduto sul [prezzo]?');
    expect(result.stdout).toContain('Chiede sempre [perché] il [prezzo] cambia');
    expect(result.stdout).toContain('Found 1 journal entry, 1 customer.');
  });

  it('narrows to kinds, and says on stderr when --limit cut the list', () => {
    const ids = seeded();
    const result = rapport('journal', 'search', 'prezzo', '--kind', 'sale', '--kind', 'complaint', '--json');
    expect(
      JSON.parse(result.stdout)
        .map((h: { kind: string; id: number }) => `${h.kind} ${h.id}`)
        .sort(),
    ).toEqual([`complaint ${ids.complaint}`, `sale ${ids.sale}`].sort());
    const cut = rapport('journal', 'search', 'prezzo', '--limit', '2', '--json');
    expect(JSON.parse(cut.stdout)).toHaveLength(2);
    expect(cut.stderr).toBe('rapport: 2 of 5 results.\n');
    const table = rapport('journal', 'search', 'prezzo', '--kind', 'SALE', '--limit', '1');
    expect(table.stdout).toContain('Found 1 sale.');
  });

  it('refuses a kind or a limit it does not know, naming the option, and writes nothing', () => {
    seeded();
    const before = query(box.db, 'SELECT count(*) AS n FROM search_index');
    const kind = rapport('journal', 'search', 'prezzo', '--kind', 'deal');
    expect(kind.code).toBe(1);
    expect(kind.stderr).toContain(
      '--kind: must be one of journal, technique, sale, customer, complaint, training, library, highlight (got "deal")',
    );
    const limit = rapport('journal', 'search', 'prezzo', '--limit', '500');
    expect(limit.code).toBe(1);
    expect(limit.stderr).toContain('--limit: must be at most 100');
    expect(rapport('journal', 'search', 'prezzo', '--limit', 'ten').stderr).toContain(
      '--limit: must be a whole number',
    );
    expect(rapport('journal', 'search', '   ').stderr).toContain('TEXT: is required');
    expect(query(box.db, 'SELECT count(*) AS n FROM search_index')).toEqual(before);
  });

  it('speaks Italian', () => {
    seeded();
    const it = rapport('journal', 'search', 'prezzo', '--kind', 'complaint');
    expect(rapport('journal', 'search', 'zzz').stdout).toBe('Nothing found for “zzz”.\n');
    const italian = box.run(['--db', box.db, 'journal', 'search', 'prezzo', '--kind', 'complaint'], {
      RAPPORT_LANG: 'it',
    });
    expect(it.stdout).toContain('Found 1 complaint.');
    expect(italian.stdout).toMatch(/^Tipo\s+ID\s+Data\s+Titolo\s+Trovato in$/m);
    expect(italian.stdout).toContain('reclamo');
    expect(italian.stdout).toContain('Risultati: 1 reclamo.');
    expect(box.run(['--db', box.db, 'journal', 'search', 'zzz'], { RAPPORT_LANG: 'it' }).stdout).toBe(
      'Nessun risultato per «zzz».\n',
    );
  });
});
