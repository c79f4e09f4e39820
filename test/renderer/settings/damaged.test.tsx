// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { FakeHandlers } from '../fakeApi';
import { renderApp } from '../renderApp';

afterEach(cleanup);

const damaged = (newestGoodBackup: string | null): FakeHandlers => ({
  'app.info': () => ({
    version: '0.1.0',
    databasePath: '/tmp/rapport.sqlite',
    platform: 'linux',
    damaged: { problems: 'Tree 7 page 7: btreeInitPage() returns error code 11', newestGoodBackup },
  }),
  'data.backups.restore': ({ id }) => ({
    restoredFrom: `/tmp/rapport.sqlite.backups/${id}`,
    previousSavedAs: '/tmp/rapport.sqlite.backups/2026-06-15T10-00-00-000Z-damaged.sqlite',
  }),
});

describe('the damaged-database banner', () => {
  it('says the database is damaged and read-only, and restores the newest good backup after a confirmation', async () => {
    const { user, bridge, settled } = renderApp(damaged('2026-06-15T09-30-00-001Z-before-import.sqlite'), {
      route: '/sales',
    });
    await settled();
    const banner = screen.getAllByRole('alert').find((el) => el.classList.contains('damaged-banner'))!;
    expect(banner.textContent).toContain('This database is damaged.');
    expect(banner.textContent).toContain('nothing can be saved');
    await user.click(within(banner).getByRole('button', { name: 'Restore the newest good backup' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Restore the newest good backup?' });
    expect(dialog.textContent).toContain('The damaged database is kept as a backup too');
    await user.click(within(dialog).getByRole('button', { name: 'Restore' }));
    await settled();
    expect(bridge.callsTo('data.backups.restore')).toEqual([{ id: '2026-06-15T09-30-00-001Z-before-import.sqlite' }]);
  });

  it('says so when no backup passes its checks (in Italian), and offers no button', async () => {
    const { settled } = renderApp(damaged(null), { route: '/sales', settings: { language: 'it' } });
    await settled();
    const banner = screen.getAllByRole('alert').find((el) => el.classList.contains('damaged-banner'))!;
    expect(banner.textContent).toContain('Questo database è danneggiato.');
    expect(banner.textContent).toContain('Nessun backup automatico supera i controlli');
    expect(within(banner).queryByRole('button')).toBeNull();
  });

  it('is not there for an intact database', async () => {
    const { settled } = renderApp(
      { 'app.info': () => ({ version: '0.1.0', databasePath: '/tmp/rapport.sqlite', platform: 'linux' }) },
      { route: '/sales' },
    );
    await settled();
    expect(document.querySelector('.damaged-banner')).toBeNull();
  });
});
