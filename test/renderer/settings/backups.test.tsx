// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { AutomaticBackup } from '../../../src-main/features/backups/contract';
import { fails, type FakeHandlers } from '../fakeApi';
import { renderApp } from '../renderApp';

afterEach(cleanup);

const BACKUPS: AutomaticBackup[] = [
  {
    id: '2026-06-15T09-30-00-000Z-before-import.sqlite',
    createdAt: '2026-06-15T09:30:00.000Z',
    reason: 'before-import',
    bytes: 5_452_595,
    sales: 1500,
    customers: 375,
  },
  {
    id: '2026-06-14T18-00-00-000Z-daily.sqlite',
    createdAt: '2026-06-14T18:00:00.000Z',
    reason: 'daily',
    bytes: 81_920,
    sales: 1,
    customers: 1,
  },
];

const handlers = (list: AutomaticBackup[]): FakeHandlers => ({
  'app.info': () => ({ version: '0.1.0', databasePath: '/tmp/rapport.sqlite', platform: 'linux' }),
  'report.log': () => [],
  'data.backups.list': () => list,
  'data.backups.restore': ({ id }) => ({
    restoredFrom: `/tmp/rapport.sqlite.backups/${id}`,
    previousSavedAs: '/tmp/rapport.sqlite.backups/2026-06-15T10-00-00-000Z-before-restore.sqlite',
  }),
});

const rowTexts = (table: HTMLElement): string[][] =>
  within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) =>
      within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent ?? ''),
    );

describe('Settings → Your data → Automatic backups', () => {
  it('lists each backup with its date, reason, size and counts, and restores one after a confirmation', async () => {
    const { user, bridge, settled } = renderApp(handlers(BACKUPS), { route: '/settings' });
    await settled();
    const table = screen.getByRole('table', { name: 'Automatic backups' });
    const rows = rowTexts(table);
    expect(rows.map((cells) => cells.slice(1, 4))).toEqual([
      ['Before an import', '1,500 sales and 375 customers', '5.2 MB'],
      ['Daily', '1 sale and 1 customer', '80 kB'],
    ]);
    expect(rows[0]![0]).toMatch(/15 Jun 2026/);

    // Two clicks: Restore, then the confirmation that says what happens; Cancel changes nothing.
    const restore = screen.getByRole('button', { name: /^Restore the backup made 15 Jun 2026/ });
    await user.click(restore);
    let dialog = screen.getByRole('alertdialog', { name: /^Restore the backup made 15 Jun 2026/ });
    expect(dialog.textContent).toContain('replaced by this backup (1,500 sales and 375 customers)');
    expect(dialog.textContent).toContain('kept as an automatic backup too');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(bridge.callsTo('data.backups.restore')).toEqual([]);

    await user.click(restore);
    dialog = screen.getByRole('alertdialog');
    await user.click(within(dialog).getByRole('button', { name: 'Restore this backup' }));
    await settled();
    expect(bridge.callsTo('data.backups.restore')).toEqual([{ id: BACKUPS[0]!.id }]);
    expect((await screen.findByRole('status')).textContent).toContain(
      'Your previous data was kept as 2026-06-15T10-00-00-000Z-before-restore.sqlite',
    );
  });

  it('speaks Italian, and says when there are none yet', async () => {
    const { settled } = renderApp(handlers(BACKUPS), { route: '/settings', settings: { language: 'it' } });
    await settled();
    const rows = rowTexts(screen.getByRole('table', { name: 'Backup automatici' }));
    expect(rows.map((cells) => cells.slice(1, 4))).toEqual([
      ['Prima di un’importazione', '1.500 vendite e 375 clienti', '5,2 MB'],
      ['Giornaliero', '1 vendita e 1 cliente', '80 kB'],
    ]);
    cleanup();

    const empty = renderApp(handlers([]), { route: '/settings' });
    await empty.settled();
    expect(screen.queryByRole('table', { name: 'Automatic backups' })).toBeNull();
    expect(screen.getByText(/^No automatic backups yet\./)).toBeTruthy();
  });

  it('says so when a restore is refused, and keeps the list', async () => {
    const { user, settled } = renderApp(
      {
        ...handlers(BACKUPS),
        'data.backups.restore': fails('invalid_input', 'failures.backup.checksumMismatch', undefined, {
          file: '/tmp/x.sqlite',
          checksum: '/tmp/x.sqlite.sha256',
        }),
      },
      { route: '/settings' },
    );
    await settled();
    await user.click(screen.getByRole('button', { name: /^Restore the backup made 14 Jun 2026/ }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Restore this backup' }));
    await settled();
    expect(screen.getByRole('table', { name: 'Automatic backups' })).toBeTruthy();
    expect(document.body.textContent).toContain("Couldn't restore the backup");
  });
});
