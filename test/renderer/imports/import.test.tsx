// @vitest-environment jsdom
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  ImportBatch,
  ImportPreview,
  ImportResult,
  ImportSettings,
} from '../../../src-main/features/imports/contract';
import {
  applySavedMapping,
  fractionDone,
  importBlocker,
  previewColumns,
  secondsLeft,
} from '../../../src-renderer/src/features/imports/importModel';
import { fileName } from '../../../src-renderer/src/ui/fileName';
import { AppError } from '../../../src-main/kernel/errors';
import { fails, type FakeHandlers } from '../fakeApi';
import { renderApp } from '../renderApp';

afterEach(cleanup);

const FILE = '/home/ada/Documents/deals.csv';
const SETTINGS: ImportSettings = {
  encoding: 'utf-8',
  delimiter: ';',
  decimal: ',',
  dateFormat: 'dd/MM/yyyy',
  mapping: { date: 'Data', customer: 'Cliente', amount: 'Importo', status: 'Stato' },
};

const NOT_A_NUMBER = {
  line: 3,
  field: 'amount',
  column: 'Importo',
  message: 'is not a number (got "abc")',
  key: 'notNumber',
  values: { got: 'abc' },
};

function previewOf(patch: Partial<ImportPreview> = {}): ImportPreview {
  return {
    settings: SETTINGS,
    headers: ['Data', 'Cliente', 'Importo', 'Stato', 'Note'],
    suggestedMapping: SETTINGS.mapping,
    suggestion: SETTINGS.mapping,
    missingFields: [],
    rows: [
      { line: 2, cells: ['13/04/2026', 'Bianchi', '1.250,00', 'vinta', ''], errors: [] },
      {
        line: 3,
        cells: ['14/04/2026', 'Rossi', 'abc', 'vinta', 'x'],
        errors: [NOT_A_NUMBER],
      },
    ],
    dateEvidence: null,
    ambiguousDates: [],
    counts: { rows: 2, insert: 1, duplicates: 0, rejected: 1, customersCreated: 2 },
    errors: [NOT_A_NUMBER],
    alreadyImported: null,
    ...patch,
  };
}

function resultOf(patch: Partial<ImportResult> = {}): ImportResult {
  return {
    batch_id: 7,
    dry_run: false,
    inserted: 1,
    duplicates: 0,
    skipped: 1,
    customers_created: 1,
    errors: [],
    error_count: 0,
    rejected_file: '/home/ada/Documents/deals.rejected.csv',
    settings: SETTINGS,
    ...patch,
  };
}

const batch = (patch: Partial<ImportBatch> = {}): ImportBatch => ({
  id: 7,
  kind: 'sales',
  sourceName: 'deals.csv',
  sourceSha256: 'ab',
  options: {},
  inserted: 12,
  duplicates: 0,
  skipped: 1,
  customersCreated: 3,
  createdAt: '2026-11-20T10:00:00.000Z',
  undoneAt: null,
  ...patch,
});

const base: FakeHandlers = {
  'dialog.openFile': () => ({ path: FILE }),
  'import.history': () => [],
  'import.mappings.list': () => [],
  'import.preview': () => previewOf(),
};

describe('the import model', () => {
  it('names what stops an import, in the order to fix it', () => {
    expect(importBlocker(previewOf({ missingFields: ['amount'] }), true)).toBe('missingFields');
    const ambiguous = previewOf({
      settings: { ...SETTINGS, dateFormat: null },
      ambiguousDates: [{ line: 2, value: '03/04/2026', dayFirst: '2026-04-03', monthFirst: '2026-03-04' }],
    });
    expect(importBlocker(ambiguous, true)).toBe('chooseDateFormat');
    expect(importBlocker(previewOf(), false)).toBe('invalidRows');
    expect(importBlocker(previewOf(), true)).toBeNull();
    const allThere = previewOf({ counts: { rows: 2, insert: 0, duplicates: 2, rejected: 0, customersCreated: 0 } });
    expect(importBlocker(allThere, false)).toBe('nothingNew');
  });

  it('shows mapped fields in contract order, at their column in the file', () => {
    const preview = previewOf({ suggestedMapping: { notes: 'Note', amount: 'Importo', date: 'Data' } });
    expect(previewColumns('sales', preview)).toEqual([
      { field: 'date', header: 'Data', index: 0 },
      { field: 'amount', header: 'Importo', index: 2 },
      { field: 'notes', header: 'Note', index: 4 },
    ]);
  });

  it('applies a saved mapping exactly, unmapping what it does not name', () => {
    const applied = applySavedMapping('customers', { name: 'Ragione sociale' });
    expect(applied.name).toBe('Ragione sociale');
    expect(applied.email).toBeNull();
    expect(Object.keys(applied)).toContain('external_id');
  });

  it('estimates time left from the rate rows arrive at, and the share of bytes read', () => {
    // 1,000 rows in 100,000 bytes at 500 rows/s is 50,000 bytes/s; 300,000 bytes left is 6 s.
    const progress = { rows: 1000, bytes: 100_000, totalBytes: 400_000, rowsPerSecond: 500 };
    expect(secondsLeft(progress)).toBe(6);
    expect(fractionDone(progress)).toBe(0.25);
    expect(secondsLeft({ ...progress, rows: 0 })).toBeNull();
    expect(fractionDone({ ...progress, totalBytes: 0 })).toBe(0);
    expect(fileName('C:\\Users\\ada\\deals.csv')).toBe('deals.csv');
    expect(fileName('/home/ada/deals.csv')).toBe('deals.csv');
  });
});

describe('the import wizard', () => {
  it('reads the picked file, marks the bad cell, and imports only once the user chooses to skip invalid rows', async () => {
    const { user, bridge } = renderApp({ ...base, 'import.run': () => resultOf() }, { route: '/import' });
    await user.click(await screen.findByRole('button', { name: 'Choose a file…' }));
    expect(bridge.callsTo('dialog.openFile')).toEqual([{ purpose: 'import' }]);
    expect(await screen.findByText('deals.csv')).toBeTruthy();
    expect(bridge.callsTo('import.preview')).toEqual([{ path: FILE, kind: 'sales', options: {} }]);

    const bad = await screen.findByText('abc');
    expect(bad.getAttribute('aria-invalid')).toBe('true');
    expect(bad.getAttribute('title')).toBe('is not a number (got “abc”)');
    // The preview scrolls sideways inside its box: the keyboard can reach and scroll it.
    const box = screen.getByRole('region', { name: /rows of the file as they will be read/ });
    expect(box.tabIndex).toBe(0);
    expect(box.contains(bad)).toBe(true);
    expect(screen.getByRole('region', { name: 'Problems' }).textContent).toContain('Line 3, Amount');
    const importButton = screen.getByRole('button', { name: 'Import 1 sale' });
    expect((importButton as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText(/Nothing is imported while any row has a problem/)).toBeTruthy();

    await user.click(screen.getByRole('checkbox', { name: /Import the valid rows/ }));
    expect((importButton as HTMLButtonElement).disabled).toBe(false);
    await user.click(importButton);
    expect(bridge.callsTo('import.run')).toEqual([{ path: FILE, kind: 'sales', options: {}, skipInvalid: true }]);
    expect(await screen.findByRole('heading', { name: /1 sale imported/ })).toBeTruthy();
    expect(screen.getByText('/home/ada/Documents/deals.rejected.csv')).toBeTruthy();
  });

  it('re-reads the file with each change of mapping or reading setting', async () => {
    const { user, bridge } = renderApp(base, { route: '/import?kind=sales' });
    await user.click(await screen.findByRole('button', { name: 'Choose a file…' }));
    await screen.findByText('abc');
    await user.selectOptions(screen.getByLabelText('Notes'), 'Note');
    await user.selectOptions(screen.getByLabelText('Separator'), ',');
    await waitFor(() => expect(bridge.callsTo('import.preview')).toHaveLength(3));
    expect(bridge.callsTo('import.preview')[2]).toEqual({
      path: FILE,
      kind: 'sales',
      options: { mapping: { notes: 'Note' }, delimiter: ',' },
    });
  });

  it('asks for the date format when dates read two ways, showing both readings', async () => {
    const ambiguous = previewOf({
      settings: { ...SETTINGS, dateFormat: null },
      ambiguousDates: [{ line: 2, value: '03/04/2026', dayFirst: '2026-04-03', monthFirst: '2026-03-04' }],
      counts: { rows: 1, insert: 1, duplicates: 0, rejected: 0, customersCreated: 1 },
      errors: [],
    });
    const { user, bridge } = renderApp({ ...base, 'import.preview': () => ambiguous }, { route: '/import' });
    await user.click(await screen.findByRole('button', { name: 'Choose a file…' }));
    const row = (await screen.findByText('03/04/2026', { selector: 'td' })).closest('tr')!;
    expect(within(row).getByText('3 Apr 2026')).toBeTruthy();
    expect(within(row).getByText('4 Mar 2026')).toBeTruthy();
    expect(screen.getByText('Choose how the dates are written before importing.')).toBeTruthy();
    await user.click(screen.getByRole('radio', { name: 'Month first (MM/dd/yyyy)' }));
    await waitFor(() => expect(bridge.callsTo('import.preview').at(-1)?.options).toEqual({ dateFormat: 'MM/dd/yyyy' }));
  });

  it.each([
    ['en', 'Dates read as day/month: 15/01/2026 on line 3 can only be day-first.'],
    ['it', 'Date lette come giorno/mese: 15/01/2026 alla riga 3 ha per forza il giorno prima del mese.'],
  ] as const)('does not ask how dates are written when one proves it, and says why (%s)', async (language, note) => {
    const proved = previewOf({
      dateEvidence: { line: 3, value: '15/01/2026', format: 'dd/MM/yyyy' },
      counts: { rows: 2, insert: 2, duplicates: 0, rejected: 0, customersCreated: 2 },
      errors: [],
    });
    const { user } = renderApp(
      { ...base, 'import.preview': () => proved },
      { route: '/import', settings: { language } },
    );
    await user.click(await screen.findByRole('button', { name: /^(Choose a file…|Scegli un file…)$/ }));
    expect(await screen.findByText(note)).toBeTruthy();
    expect(screen.queryByRole('radio', { name: /dd\/MM\/yyyy/ })).toBeNull();
  });

  it('shows progress with rate and time left, and a cancel says nothing was saved', async () => {
    let finish: (error: unknown) => void = () => undefined;
    const { user, bridge } = renderApp(
      {
        ...base,
        'import.preview': () => previewOf({ errors: [], rows: [], counts: { ...previewOf().counts, rejected: 0 } }),
        'import.run': () =>
          new Promise<ImportResult>((_resolve, reject) => {
            finish = reject;
          }),
        'import.cancel': () => {
          finish(new AppError('conflict', 'The import was cancelled; nothing was written.'));
          return { cancelled: true };
        },
      },
      { route: '/import' },
    );
    await user.click(await screen.findByRole('button', { name: 'Choose a file…' }));
    await user.click(await screen.findByRole('button', { name: 'Import 1 sale' }));
    const bar = await screen.findByRole('progressbar');
    act(() => bridge.emit('import.progress', { rows: 1000, bytes: 100_000, totalBytes: 400_000, rowsPerSecond: 500 }));
    expect(bar.getAttribute('aria-valuenow')).toBe('25');
    expect(screen.getByText('1,000 rows read')).toBeTruthy();
    expect(screen.getByText('500 rows/s')).toBeTruthy();
    expect(screen.getByText('about 6 seconds left')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Cancel import' }));
    expect(await screen.findByRole('heading', { name: 'Import cancelled' })).toBeTruthy();
    expect(screen.getByText('Nothing was saved: your data is exactly as it was before.')).toBeTruthy();
  });

  it('says nothing was imported, and lists why, when the backend refuses the file', async () => {
    const refused = resultOf({
      batch_id: null,
      inserted: 0,
      skipped: 0,
      customers_created: 0,
      rejected_file: null,
      error_count: 3,
      errors: [
        {
          line: 9,
          field: 'date',
          column: 'Data',
          message: 'is not a real day written dd/MM/yyyy (got "31/02/2026")',
          key: 'notDay',
          values: { format: 'dd/MM/yyyy', got: '31/02/2026' },
        },
      ],
    });
    const { user } = renderApp(
      {
        ...base,
        'import.preview': () => previewOf({ errors: [], rows: [], counts: { ...previewOf().counts, rejected: 0 } }),
        'import.run': () => refused,
      },
      { route: '/import' },
    );
    await user.click(await screen.findByRole('button', { name: 'Choose a file…' }));
    await user.click(await screen.findByRole('button', { name: 'Import 1 sale' }));
    expect(await screen.findByRole('heading', { name: 'Nothing was imported' })).toBeTruthy();
    expect(screen.getByText('3 problems were found, so no row was saved.')).toBeTruthy();
    expect(screen.getByText('Line 9, Date')).toBeTruthy();
    expect(screen.getByText('is not a real day written dd/MM/yyyy (got “31/02/2026”)')).toBeTruthy();
    expect(screen.getByText('…and 2 more problems.')).toBeTruthy();
  });

  it('shows a file it cannot read as an error with the reason, and keeps the choice of file', async () => {
    const { user } = renderApp(
      { ...base, 'import.preview': fails('invalid_input', 'The file is empty.') },
      { route: '/import' },
    );
    await user.click(await screen.findByRole('button', { name: 'Choose a file…' }));
    expect(await screen.findByRole('heading', { name: "Couldn't read this file" })).toBeTruthy();
    expect(screen.getByText('The file is empty.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Choose another file…' })).toBeTruthy();
  });

  it('saves the current mapping under a name and applies a saved one', async () => {
    let saved: { id: number; name: string; kind: 'sales'; mapping: Record<string, string> }[] = [];
    const { user, bridge } = renderApp(
      {
        ...base,
        'import.mappings.list': () =>
          saved.map((m) => ({ ...m, createdAt: '2026-11-01T00:00:00Z', updatedAt: '2026-11-01T00:00:00Z' })),
        'import.mappings.save': (input) => {
          saved = [{ id: 1, name: input.name, kind: 'sales', mapping: input.mapping }];
          return { ...saved[0]!, createdAt: '2026-11-01T00:00:00Z', updatedAt: '2026-11-01T00:00:00Z' };
        },
      },
      { route: '/import' },
    );
    await user.click(await screen.findByRole('button', { name: 'Choose a file…' }));
    await user.type(await screen.findByLabelText('Save this mapping as'), 'Gestionale');
    await user.click(screen.getByRole('button', { name: 'Save mapping' }));
    expect(bridge.callsTo('import.mappings.save')).toEqual([
      { name: 'Gestionale', kind: 'sales', mapping: SETTINGS.mapping },
    ]);
    await user.selectOptions(await screen.findByLabelText('Saved mappings'), 'Gestionale');
    await waitFor(() =>
      expect(bridge.callsTo('import.preview').at(-1)?.options?.mapping).toMatchObject({
        amount: 'Importo',
        notes: null,
      }),
    );
  });

  it('shows a column choice at once and saves it, before the file has been read again with it', async () => {
    // Every read after the first waits: the choice below is made, and saved, meanwhile.
    const waiting: (() => void)[] = [];
    let reads = 0;
    const { user, bridge } = renderApp(
      {
        ...base,
        'import.preview': () =>
          reads++ === 0 ? previewOf() : new Promise((resolve) => waiting.push(() => resolve(previewOf()))),
        'import.mappings.save': (input) => ({
          id: 1,
          name: input.name,
          kind: 'sales',
          mapping: input.mapping,
          createdAt: '2026-11-01T00:00:00Z',
          updatedAt: '2026-11-01T00:00:00Z',
        }),
      },
      { route: '/import' },
    );
    await user.click(await screen.findByRole('button', { name: 'Choose a file…' }));
    const notes = (await screen.findByLabelText('Notes')) as HTMLSelectElement;
    await user.selectOptions(notes, 'Note');
    await user.selectOptions(screen.getByLabelText('Amount *'), '');
    expect(notes.value).toBe('Note');
    expect((screen.getByLabelText('Amount *') as HTMLSelectElement).value).toBe('');
    await user.type(screen.getByLabelText('Save this mapping as'), 'Gestionale{Enter}');
    await waitFor(() => expect(bridge.callsTo('import.mappings.save')).toHaveLength(1));
    expect(reads).toBe(3);
    const { amount: _amount, ...rest } = SETTINGS.mapping;
    expect(bridge.callsTo('import.mappings.save')[0]).toEqual({
      name: 'Gestionale',
      kind: 'sales',
      mapping: { ...rest, notes: 'Note' },
    });
    for (const release of waiting) release();
  });

  it('undoes a batch from the history only after confirming', async () => {
    let history = [batch()];
    const { user, bridge } = renderApp(
      {
        ...base,
        'import.history': () => history,
        'import.undo': ({ batchId }) => {
          history = [batch({ undoneAt: '2026-11-21T09:00:00.000Z' })];
          return { batchId, salesRemoved: 12, customersRemoved: 3, customersKept: 0 };
        },
      },
      { route: '/import' },
    );
    const table = await screen.findByRole('table');
    await user.click(within(table).getByRole('button', { name: 'Undo import' }));
    const confirm = screen.getByRole('alertdialog');
    expect(confirm.textContent).toContain('removes the 12 sales imported from deals.csv');
    expect(bridge.callsTo('import.undo')).toEqual([]);
    await user.click(within(confirm).getByRole('button', { name: 'Undo import' }));
    expect(bridge.callsTo('import.undo')).toEqual([{ batchId: 7 }]);
    expect(await within(table).findByText('Undone')).toBeTruthy();
  });

  it('reads Italian and switches to customers, dropping a sales mapping', async () => {
    const { user, bridge } = renderApp(base, { route: '/import', settings: { language: 'it' } });
    await user.click(await screen.findByRole('button', { name: 'Scegli un file…' }));
    expect(await screen.findByRole('heading', { name: 'Come viene letto il file' })).toBeTruthy();
    // Problems are worded in Italian from their keys, not copied from the English message.
    expect((await screen.findByText('abc')).getAttribute('title')).toBe('non è un numero (letto “abc”)');
    expect(screen.getByRole('region', { name: 'Problemi' }).textContent).toContain('Riga 3, Importo');
    await user.selectOptions(screen.getByLabelText('Note'), 'Note');
    await user.click(screen.getByRole('radio', { name: 'Clienti' }));
    await waitFor(() =>
      expect(bridge.callsTo('import.preview').at(-1)).toMatchObject({ kind: 'customers', options: {} }),
    );
  });
});

describe('your data in Settings', () => {
  const settingsHandlers: FakeHandlers = {
    'app.info': () => ({ version: '0.1.0', databasePath: '/home/ada/rapport.sqlite', platform: 'linux' }),
    'report.log': () => [],
  };

  it('exports to the file picked in the save dialog, and does nothing when the dialog is cancelled', async () => {
    let picked: string | null = null;
    const { user, bridge } = renderApp(
      {
        ...settingsHandlers,
        'dialog.saveFile': () => ({ path: picked }),
        'data.export': ({ path }) => ({ path, rows: 1500, bytes: 90_000 }),
      },
      { route: '/settings' },
    );
    const data = await screen.findByRole('region', { name: 'Your data' });
    const [exportSales] = within(data).getAllByRole('button', { name: 'Export…' });
    await user.click(exportSales!);
    expect(bridge.callsTo('dialog.saveFile')).toEqual([{ purpose: 'export-sales' }]);
    expect(bridge.callsTo('data.export')).toEqual([]);

    picked = '/home/ada/sales.csv';
    await user.click(exportSales!);
    expect(bridge.callsTo('data.export')).toEqual([{ kind: 'sales', path: picked, overwrite: true, dialect: 'comma' }]);
    expect(await screen.findByText('1,500 sales exported to sales.csv')).toBeTruthy();
  });

  it('writes for an Italian spreadsheet by default for an Italian seller, and lets them choose the other', async () => {
    const { user, bridge } = renderApp(
      {
        ...settingsHandlers,
        'dialog.saveFile': () => ({ path: '/home/ada/clienti.csv' }),
        'data.export': ({ path }) => ({ path, rows: 2, bytes: 200 }),
      },
      { route: '/settings', settings: { language: 'it' } },
    );
    const data = await screen.findByRole('region', { name: 'I tuoi dati' });
    const format = within(data).getByRole('combobox', { name: 'Formato CSV' }) as HTMLSelectElement;
    expect(format.value).toBe('semicolon');
    expect(within(format).getByRole('option', { selected: true }).textContent).toBe('Punto e virgola · 1234,50');
    const [, exportCustomers] = within(data).getAllByRole('button', { name: 'Esporta…' });
    await user.click(exportCustomers!);
    await user.selectOptions(format, 'comma');
    await user.click(exportCustomers!);
    expect(bridge.callsTo('data.export').map((c) => c.dialect)).toEqual(['semicolon', 'comma']);
  });

  it('asks before restoring, then restores the backup picked in the open dialog', async () => {
    const { user, bridge } = renderApp(
      {
        ...settingsHandlers,
        'dialog.openFile': () => ({ path: '/home/ada/backup.sqlite' }),
        'data.restore': ({ path }) => ({
          restoredFrom: path,
          previousSavedAs: '/home/ada/rapport.sqlite.before-restore.sqlite',
        }),
      },
      { route: '/settings' },
    );
    const data = await screen.findByRole('region', { name: 'Your data' });
    await user.click(within(data).getByRole('button', { name: 'Restore…' }));
    const confirm = screen.getByRole('alertdialog', { name: 'Replace your data with a backup?' });
    expect(bridge.callsTo('dialog.openFile')).toEqual([]);
    await user.click(within(confirm).getByRole('button', { name: 'Choose a backup…' }));
    expect(bridge.callsTo('data.restore')).toEqual([{ path: '/home/ada/backup.sqlite' }]);
    expect(await screen.findByText(/Restored backup\.sqlite\. Your previous data was kept as/)).toBeTruthy();
  });

  it('says a backup failed, with the reason', async () => {
    const { user } = renderApp(
      {
        ...settingsHandlers,
        'dialog.saveFile': () => ({ path: '/media/usb/backup.sqlite' }),
        'data.backup': fails('internal', 'ENOSPC: no space left on device'),
      },
      { route: '/settings' },
    );
    await user.click(await screen.findByRole('button', { name: 'Back up…' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain("Couldn't back up");
    expect(alert.textContent).toContain('ENOSPC');
  });
});
