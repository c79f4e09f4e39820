// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { DataCounts } from '../../../src-main/features/onboarding/contract';
import type { FakeHandlers } from '../fakeApi';
import { renderApp, whenSettled } from '../renderApp';

afterEach(cleanup);

const SAMPLE: DataCounts = {
  customers: 375,
  sales: 1500,
  products: 8,
  techniques: 6,
  goals: 6,
  checkIns: 2400,
  interactions: 1900,
  complaints: 60,
  journalEntries: 14,
  experiments: 2,
  libraryItems: 8,
};
const NONE: DataCounts = {
  customers: 0,
  sales: 0,
  products: 0,
  techniques: 0,
  goals: 0,
  checkIns: 0,
  interactions: 0,
  complaints: 0,
  journalEntries: 0,
  experiments: 0,
  libraryItems: 0,
};
const ALL: DataCounts = { ...SAMPLE, customers: 376, sales: 1501 };

function handlers(sample: DataCounts): FakeHandlers {
  return {
    'app.info': () => ({ version: '0.1.0', databasePath: '/tmp/rapport.sqlite', platform: 'linux' }),
    'onboarding.dataCounts': () => ({ sample, all: total(sample) > 0 ? ALL : NONE }),
    'onboarding.removeSample': () => SAMPLE,
    'onboarding.startAfresh': () => ALL,
  };
}
const total = (counts: DataCounts): number => Object.values(counts).reduce((a, b) => a + b, 0);

describe('Settings → Your data: removing sample data and starting afresh', () => {
  it('says how many of what the sample removal takes, and calls it only once confirmed', async () => {
    const { user, bridge } = renderApp(handlers(SAMPLE), { route: '/settings' });
    // The first render of the whole app in a file takes a while.
    await user.click(await whenSettled(() => screen.getByRole('button', { name: 'Remove…' })));
    const dialog = screen.getByRole('alertdialog', { name: 'Remove the sample data?' });
    expect(dialog.textContent).toContain(
      'This removes 375 customers, 1,500 sales, 8 products, 6 techniques, 6 goals, 2,400 check-ins, 1,900 conversations, 60 complaints, 14 journal entries, 2 experiments and 8 library items.',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(bridge.callsTo('onboarding.removeSample')).toEqual([]);

    await user.click(await screen.findByRole('button', { name: 'Remove…' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Remove sample data' }));
    expect(bridge.callsTo('onboarding.removeSample')).toHaveLength(1);
    expect(bridge.callsTo('onboarding.startAfresh')).toEqual([]);
    expect((await screen.findByRole('status')).textContent).toContain('Sample data removed: 375 customers');
  });

  it('offers no sample removal when there is no sample data, and starts afresh after saying what goes', async () => {
    const { user, bridge } = renderApp(
      {
        ...handlers(NONE),
        'onboarding.dataCounts': () => ({ sample: NONE, all: { ...NONE, customers: 1, sales: 2 } }),
      },
      { route: '/settings', settings: { language: 'it' } },
    );
    await user.click(await whenSettled(() => screen.getByRole('button', { name: 'Elimina tutto…' })));
    expect(screen.queryByRole('button', { name: 'Rimuovi…' })).toBeNull();
    const dialog = screen.getByRole('alertdialog', { name: 'Eliminare tutto e ricominciare da zero?' });
    expect(dialog.textContent).toContain('Verranno eliminati in tutto 1 cliente e 2 vendite');
    await user.click(within(dialog).getByRole('button', { name: 'Elimina tutto' }));
    expect(bridge.callsTo('onboarding.startAfresh')).toEqual([{ confirm: 'remove-everything' }]);
  });
});
