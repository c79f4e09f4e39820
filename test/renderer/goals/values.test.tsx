// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { GoalValue, GoalValuesImportResult } from '../../../src-main/features/goals/contract/api';
import { dayInputText } from '../../../src-main/shared/format';
import { AppError } from '../../../src-main/kernel/errors';
import { fails, type FakeHandlers } from '../fakeApi';
import { AS_OF, detailFixture, goalFixture, paceFixture } from './fixtures';
import { fixToday, listItemTexts, renderApp } from '../renderApp';

fixToday(new Date(2026, 2, 16, 10, 0), { noCanvas: true });

const calls = goalFixture({
  title: 'Cold calls',
  metric: 'custom',
  customName: 'cold calls',
  aggregation: 'sum',
  unit: 'number',
  currency: null,
  target: 200,
});
const detail = detailFixture({
  goal: calls,
  pace: paceFixture({ target: 200, actual: 97, expected: 100, difference: -3, gap: -0.03, status: 'on_track' }),
  milestones: [],
});

const value = (patch: Partial<GoalValue>): GoalValue => ({
  id: 1,
  goalId: 7,
  date: '2026-03-13',
  value: 14,
  note: null,
  createdAt: '2026-03-13T17:00:00.000Z',
  ...patch,
});

function valuesApp(handlers: FakeHandlers = {}, language: 'en' | 'it' = 'en') {
  let logged: GoalValue[] = [
    value({ id: 2, date: '2026-03-13', value: 14 }),
    value({ id: 1, date: '2026-03-12', value: 9, note: 'Short day' }),
  ];
  return renderApp(
    {
      'goals.get': () => detail,
      'goals.values.list': () => ({ items: logged, total: logged.length }),
      'goals.values.log': (input) => {
        const added = value({ id: 3, date: input.date, value: input.value, note: input.note });
        logged = [added, ...logged];
        return added;
      },
      'goals.values.delete': ({ id }) => {
        logged = logged.filter((v) => v.id !== id);
        return { id };
      },
      'care.followups.count': () => ({ asOf: AS_OF, overdue: 0, today: 0, due: 0 }),
      ...handlers,
    },
    { route: '/goals/7', settings: { language } },
  );
}

const errorOf = (control: HTMLElement): string | null | undefined =>
  document.getElementById(control.getAttribute('aria-describedby')?.split(' ')[0] ?? '')?.textContent;

describe('a custom metric’s values', () => {
  it('lists what was logged, newest first, and deletes one', async () => {
    const { user, bridge } = valuesApp();
    const section = await screen.findByRole('region', { name: 'Logged cold calls' });
    const rows = await within(section).findAllByRole('row');
    expect(
      rows.slice(1).map((row) =>
        within(row)
          .getAllByRole('cell')
          .slice(0, 3)
          .map((c) => c.textContent),
      ),
    ).toEqual([
      ['13 Mar 2026', '14', ''],
      ['12 Mar 2026', '9', 'Short day'],
    ]);
    expect(bridge.callsTo('goals.values.list')[0]).toEqual({ goalId: 7, limit: 20 });
    await user.click(within(section).getByRole('button', { name: 'Delete 14 of 13 Mar 2026' }));
    expect(bridge.callsTo('goals.values.delete')).toEqual([{ id: 2 }]);
    await waitFor(() => expect(within(section).getAllByRole('row')).toHaveLength(2));
    expect(await screen.findByText('Value deleted')).toBeTruthy();
  });

  it('logs a value typed the user’s way, with a note', async () => {
    const { user, bridge } = valuesApp({}, 'it');
    const form = await screen.findByRole('form', { name: 'Registra un valore' });
    expect((within(form).getByLabelText('Giorno') as HTMLInputElement).value).toBe(dayInputText(AS_OF));
    await user.type(within(form).getByLabelText('Valore'), '12,5');
    await user.type(within(form).getByLabelText(/Nota/), 'Giro del mattino');
    await user.click(within(form).getByRole('button', { name: 'Registra' }));
    await waitFor(() => expect(bridge.callsTo('goals.values.log')).toHaveLength(1));
    expect(bridge.callsTo('goals.values.log')[0]).toEqual({
      goalId: 7,
      date: AS_OF,
      value: 12.5,
      note: 'Giro del mattino',
    });
    // The form is ready for the next one; the day stays.
    await waitFor(() => expect((within(form).getByLabelText('Valore') as HTMLInputElement).value).toBe(''));
    expect(await screen.findByText('Valore registrato')).toBeTruthy();
  });

  it('refuses a missing value, and shows the backend’s refusal of a future day on the day', async () => {
    const { user, bridge } = valuesApp({
      'goals.values.log': fails('invalid_input', 'That day has not come yet.', [
        { path: 'date', message: 'errors.futureDate' },
      ]),
    });
    const form = await screen.findByRole('form', { name: 'Log a value' });
    await user.click(within(form).getByRole('button', { name: 'Log' }));
    expect(errorOf(within(form).getByLabelText('Value'))).toBe('This field is required');
    expect(bridge.callsTo('goals.values.log')).toEqual([]);

    await user.type(within(form).getByLabelText('Value'), 'a dozen');
    await user.click(within(form).getByRole('button', { name: 'Log' }));
    expect(errorOf(within(form).getByLabelText('Value'))).toBe("This value isn't valid");

    await user.clear(within(form).getByLabelText('Value'));
    await user.type(within(form).getByLabelText('Value'), '12');
    await user.click(within(form).getByRole('button', { name: 'Log' }));
    await waitFor(() => expect(errorOf(within(form).getByLabelText('Day'))).toBe("That day hasn't come yet"));
  });
});

describe('importing values from a CSV', () => {
  const checked = (patch: Partial<GoalValuesImportResult> = {}): GoalValuesImportResult => ({
    inserted: 3,
    duplicates: 1,
    errors: [],
    dryRun: true,
    dateFormat: 'yyyy-MM-dd',
    delimiter: ',',
    decimal: '.',
    ...patch,
  });

  it('checks the file first, then imports all of it', async () => {
    const { user, bridge } = valuesApp({
      'dialog.openFile': () => ({ path: '/home/me/calls.csv' }),
      'goals.values.import': ({ dryRun }) => checked({ dryRun }),
    });
    await user.click(await screen.findByRole('button', { name: 'Import from CSV' }));
    const dialog = await screen.findByRole('dialog', { name: 'Import values' });
    expect(within(dialog).getByRole('button', { name: 'Import' })).toHaveProperty('disabled', true);
    await user.click(within(dialog).getByRole('button', { name: 'Choose a file' }));
    expect(bridge.callsTo('dialog.openFile')).toEqual([{ purpose: 'import' }]);
    expect(await within(dialog).findByText('3 values to add (1 already there).')).toBeTruthy();
    expect(within(dialog).getByText('calls.csv')).toBeTruthy();
    expect(bridge.callsTo('goals.values.import')).toEqual([{ goalId: 7, path: '/home/me/calls.csv', dryRun: true }]);

    await user.click(within(dialog).getByRole('button', { name: 'Import 3 values' }));
    await waitFor(() => expect(bridge.callsTo('goals.values.import')).toHaveLength(2));
    expect(bridge.callsTo('goals.values.import')[1]).toEqual({ goalId: 7, path: '/home/me/calls.csv', dryRun: false });
    expect(await screen.findByText('3 values imported')).toBeTruthy();
    expect(screen.queryByRole('dialog', { name: 'Import values' })).toBeNull();
  });

  const badDay = {
    line: 4,
    field: 'date',
    column: null,
    message: 'is not a real day written dd/MM/yyyy (got “31/02/2026”)',
    key: 'notDay',
    values: { format: 'dd/MM/yyyy', got: '31/02/2026' },
  };
  const badValue = {
    line: 4,
    field: 'value',
    column: null,
    message: 'is not a number written with “,” for decimals (got “1.2.3”)',
    key: 'notValue',
    values: { decimal: ',', got: '1.2.3' },
  };

  it('lists every line to fix and imports nothing', async () => {
    const { user } = valuesApp({
      'dialog.openFile': () => ({ path: '/home/me/calls.csv' }),
      'goals.values.import': () =>
        checked({ inserted: 0, duplicates: 0, errors: [badDay, badValue], dateFormat: 'dd/MM/yyyy' }),
    });
    await user.click(await screen.findByRole('button', { name: 'Import from CSV' }));
    const dialog = await screen.findByRole('dialog', { name: 'Import values' });
    await user.click(within(dialog).getByRole('button', { name: 'Choose a file' }));
    expect(await within(dialog).findByText('1 line needs fixing; nothing was imported.')).toBeTruthy();
    expect(listItemTexts(dialog)).toEqual([
      'Line 4 Day: is not a real day written dd/MM/yyyy (got “31/02/2026”)',
      'Line 4 Value: is not a number written with “,” for decimals (got “1.2.3”)',
    ]);
    expect(within(dialog).getByRole('button', { name: 'Import' })).toHaveProperty('disabled', true);
  });

  it('words the problems in the user’s language', async () => {
    const { user } = valuesApp(
      {
        'dialog.openFile': () => ({ path: '/home/me/chiamate.csv' }),
        'goals.values.import': () =>
          checked({ inserted: 0, duplicates: 0, errors: [badDay, badValue], dateFormat: 'dd/MM/yyyy' }),
      },
      'it',
    );
    await user.click(await screen.findByRole('button', { name: 'Importa da CSV' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Scegli un file' }));
    const items = await within(dialog).findAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual([
      'Riga 4 Giorno: non è un giorno valido scritto dd/MM/yyyy (letto “31/02/2026”)',
      'Riga 4 Valore: non è un numero scritto con “,” per i decimali (letto “1.2.3”)',
    ]);
  });

  it('lets the user say how dates are written when they read two ways', async () => {
    const { user, bridge } = valuesApp({
      'dialog.openFile': () => ({ path: '/home/me/calls.csv' }),
      'goals.values.import': ({ dateFormat, dryRun }) => {
        if (!dateFormat)
          throw new AppError(
            'invalid_input',
            'The dates read two ways (03/04/2026 could be 3 April or 4 March): choose the date format.',
          );
        return checked({ dateFormat, dryRun });
      },
    });
    await user.click(await screen.findByRole('button', { name: 'Import from CSV' }));
    const dialog = await screen.findByRole('dialog', { name: 'Import values' });
    await user.click(within(dialog).getByRole('button', { name: 'Choose a file' }));
    const alert = await within(dialog).findByRole('alert');
    expect(within(alert).getByText('The file could not be read')).toBeTruthy();
    expect(
      within(alert).getByText(
        'The dates read two ways (03/04/2026 could be 3 April or 4 March): choose the date format.',
      ),
    ).toBeTruthy();
    await user.selectOptions(within(dialog).getByLabelText('Dates are written'), 'dd/MM/yyyy');
    expect(await within(dialog).findByText('3 values to add (1 already there).')).toBeTruthy();
    expect(bridge.callsTo('goals.values.import').at(-1)).toEqual({
      goalId: 7,
      path: '/home/me/calls.csv',
      dryRun: true,
      dateFormat: 'dd/MM/yyyy',
    });
  });
});
