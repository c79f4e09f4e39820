// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Output } from '../../../src-main/shared/api';
import type { FakeHandlers } from '../fakeApi';
import { PRODUCTS } from '../fixtures';
import { renderApp } from '../renderApp';

afterEach(cleanup);

const summer: Output<'goals.calendar.get'> = {
  weekdays: [1, 2, 3, 4, 5],
  breaks: [{ from: '2026-08-10', to: '2026-08-21', label: 'Summer holiday' }],
};

const base: FakeHandlers = {
  'app.info': () => ({ version: '0.1.0', databasePath: '/tmp/rapport.sqlite', platform: 'linux' }),
  'care.cadence.get': () => ({ defaultDays: [3, 30, 90], products: [], segments: [] }),
  'care.contactRules.get': () => [],
  'products.list': () => PRODUCTS,
  'customers.facets': () => ({ segments: [], regions: [], industries: [] }),
  'goals.calendar.get': () => summer,
  'goals.calendar.set': (calendar) => calendar,
};

const errorOf = (control: HTMLElement): string | null | undefined =>
  document.getElementById(control.getAttribute('aria-describedby')?.split(' ')[0] ?? '')?.textContent;

async function calendarForm(handlers: FakeHandlers = {}, language: 'en' | 'it' = 'en') {
  const app = renderApp({ ...base, ...handlers }, { route: '/settings', settings: { language } });
  const form = await screen.findByRole('form', {
    name: language === 'en' ? 'Working days and breaks' : 'Giorni lavorativi e pause',
  });
  return { ...app, form, f: within(form) };
}

const checked = (form: HTMLElement): string[] =>
  within(within(form).getByRole('group', { name: /Days you work|Giorni in cui lavori/ }))
    .getAllByRole('checkbox')
    .filter((box) => (box as HTMLInputElement).checked)
    .map((box) => box.closest('label')?.textContent ?? '');

describe('working days and breaks', () => {
  it('shows the weekdays worked, Monday first, and the planned breaks', async () => {
    const { form, f } = await calendarForm();
    expect(checked(form)).toEqual(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']);
    const holiday = f.getByRole('group', { name: 'Break 1' });
    expect((within(holiday).getByLabelText('From') as HTMLInputElement).value).toBe('10/08/2026');
    expect((within(holiday).getByLabelText('Until') as HTMLInputElement).value).toBe('21/08/2026');
    expect((within(holiday).getByLabelText(/What/) as HTMLInputElement).value).toBe('Summer holiday');
  });

  it('saves the weekdays and breaks as a whole', async () => {
    const { user, bridge, f } = await calendarForm();
    await user.click(f.getByRole('checkbox', { name: 'Saturday' }));
    await user.click(f.getByRole('checkbox', { name: 'Friday' }));
    await user.click(f.getByRole('button', { name: 'Add a break' }));
    const added = f.getByRole('group', { name: 'Break 2' });
    await user.type(within(added).getByLabelText('From'), '2026-12-24');
    await user.type(within(added).getByLabelText('Until'), '2026-12-31');
    await user.type(within(added).getByLabelText(/What/), 'Christmas');
    await user.click(f.getByRole('button', { name: 'Save working days' }));
    await waitFor(() => expect(bridge.callsTo('goals.calendar.set')).toHaveLength(1));
    expect(bridge.callsTo('goals.calendar.set')[0]).toEqual({
      weekdays: [1, 2, 3, 4, 6],
      breaks: [
        { from: '2026-08-10', to: '2026-08-21', label: 'Summer holiday' },
        { from: '2026-12-24', to: '2026-12-31', label: 'Christmas' },
      ],
    });
    expect(await screen.findByText('Working days saved')).toBeTruthy();
  });

  it('refuses a week without working days and a break that ends before it starts', async () => {
    const { user, bridge, f } = await calendarForm();
    for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'])
      await user.click(f.getByRole('checkbox', { name: day }));
    const holiday = f.getByRole('group', { name: 'Break 1' });
    await user.clear(within(holiday).getByLabelText('Until'));
    await user.type(within(holiday).getByLabelText('Until'), '2026-08-01');
    await user.click(f.getByRole('button', { name: 'Save working days' }));
    expect(errorOf(f.getByRole('checkbox', { name: 'Monday' }))).toBe('Choose at least one working day');
    expect(errorOf(within(holiday).getByLabelText('Until'))).toBe("The end date can't be before the start date");
    expect(bridge.callsTo('goals.calendar.set')).toEqual([]);

    await user.click(f.getByRole('button', { name: 'Remove break 1' }));
    await user.click(f.getByRole('checkbox', { name: 'Tuesday' }));
    expect(f.queryByText('Choose at least one working day')).toBeNull();
    await user.click(f.getByRole('button', { name: 'Save working days' }));
    await waitFor(() => expect(bridge.callsTo('goals.calendar.set')).toEqual([{ weekdays: [2], breaks: [] }]));
  });

  it('speaks Italian, with the weekdays in Italian', async () => {
    const { user, form, f } = await calendarForm({}, 'it');
    expect(checked(form)).toEqual(['lunedì', 'martedì', 'mercoledì', 'giovedì', 'venerdì']);
    for (const day of ['lunedì', 'martedì', 'mercoledì', 'giovedì', 'venerdì'])
      await user.click(f.getByRole('checkbox', { name: day }));
    await user.click(f.getByRole('button', { name: 'Salva i giorni lavorativi' }));
    expect(errorOf(f.getByRole('checkbox', { name: 'lunedì' }))).toBe('Scegli almeno un giorno lavorativo');
  });
});
