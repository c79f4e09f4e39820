// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fails, type FakeHandlers } from '../fakeApi';
import { PRODUCTS, TECHNIQUES } from '../fixtures';
import { AS_OF, detailFixture, goalFixture } from './fixtures';
import { fixToday, renderApp } from '../renderApp';

fixToday(new Date(2026, 2, 16, 10, 0), { noCanvas: true });

const base: FakeHandlers = {
  'goals.list': () => ({ asOf: AS_OF, items: [] }),
  'goals.timeline': () => ({
    zoom: 'quarter',
    window: { from: '2026-01-01', to: '2026-03-31' },
    previous: '2025-12-31',
    next: '2026-04-01',
    asOf: AS_OF,
    today: null,
    ticks: [],
    bars: [],
    plan: [],
  }),
  'goals.get': ({ id }) => detailFixture({ goal: goalFixture({ id }) }),
  'products.list': () => PRODUCTS,
  'techniques.list': () => TECHNIQUES,
  'customers.facets': () => ({ segments: ['Enterprise', 'SMB'], regions: [], industries: [] }),
  'care.followups.count': () => ({ asOf: AS_OF, overdue: 0, today: 0, due: 0 }),
};

const errorOf = (control: HTMLElement): string | null | undefined =>
  document.getElementById(control.getAttribute('aria-describedby')?.split(' ')[0] ?? '')?.textContent;

async function fill(user: UserEvent, control: HTMLElement, value: string): Promise<void> {
  await user.clear(control);
  if (value) await user.type(control, value);
}

async function openNew(handlers: FakeHandlers = {}, language: 'en' | 'it' = 'en') {
  const app = renderApp({ ...base, ...handlers }, { route: '/goals', settings: { language } });
  const [button] = await screen.findAllByRole('button', { name: language === 'en' ? 'New goal' : 'Nuovo obiettivo' });
  await app.user.click(button!);
  const dialog = await screen.findByRole('dialog', { name: language === 'en' ? 'New goal' : 'Nuovo obiettivo' });
  return { ...app, dialog };
}

describe('creating a goal', () => {
  it('sends the goal in the contract’s units, milestones and all, then opens it', async () => {
    const { user, dialog, bridge } = await openNew({ 'goals.create': () => goalFixture({ id: 9 }) });
    const d = within(dialog);
    await user.type(d.getByLabelText('Name'), 'March revenue');
    expect(d.getByText('Won sales in your settings currency, by the day they closed.')).toBeTruthy();
    await user.type(d.getByLabelText('Target'), '30,000');
    expect(d.getByText('EUR')).toBeTruthy();
    await fill(user, d.getByLabelText('From'), '2026-03-01');
    await fill(user, d.getByLabelText('Until'), '2026-03-31');

    await user.click(d.getByRole('button', { name: 'Amount by a date' }));
    const milestone = d.getByRole('group', { name: 'Target milestone' });
    await user.type(within(milestone).getByLabelText('Milestone'), 'Half way');
    await fill(user, within(milestone).getByLabelText('By'), '2026-03-15');
    await user.type(within(milestone).getByLabelText('Reach'), '15,000');
    await user.click(d.getByRole('button', { name: 'Checklist step' }));
    const step = d.getByRole('group', { name: 'Checklist step' });
    await user.type(within(step).getByLabelText('Step'), 'Call the ten best customers');
    await fill(user, within(step).getByLabelText('By'), '2026-03-06');
    await user.click(
      within(d.getByRole('group', { name: 'Customer segments' })).getByRole('checkbox', { name: 'SMB' }),
    );

    await user.click(screen.getByRole('button', { name: 'Create goal' }));
    await waitFor(() => expect(bridge.callsTo('goals.create')).toHaveLength(1));
    expect(bridge.callsTo('goals.create')[0]).toEqual({
      title: 'March revenue',
      metric: 'revenue',
      customName: null,
      direction: 'at_least',
      target: 3_000_000,
      period: { kind: 'fixed', from: '2026-03-01', to: '2026-03-31' },
      calendar: null,
      milestones: [
        { kind: 'target', title: 'Half way', date: '2026-03-15', target: 1_500_000, auto: true, doneOn: null },
        { kind: 'step', title: 'Call the ten best customers', date: '2026-03-06', doneOn: null },
      ],
      filters: { productIds: [], segments: ['SMB'], techniqueIds: [] },
      weight: 1,
    });
    // The new goal opens.
    await waitFor(() => expect(bridge.callsTo('goals.get').at(-1)).toEqual({ id: 9, asOf: AS_OF }));
    expect(await screen.findByText('Goal created')).toBeTruthy();
  });

  it('takes a rate as a percentage and a recurring period', async () => {
    const { user, dialog, bridge } = await openNew({ 'goals.create': () => goalFixture({ id: 9 }) });
    const d = within(dialog);
    await user.type(d.getByLabelText('Name'), 'Win more');
    await user.selectOptions(d.getByLabelText('What to measure'), 'win_rate');
    await user.type(d.getByLabelText('Target'), '45');
    expect(d.getByText('%')).toBeTruthy();
    await user.click(d.getByRole('radio', { name: 'Repeats' }));
    await user.selectOptions(d.getByLabelText('How often'), 'quarterly');
    // Care metrics narrow by segment only; win rate takes products and techniques too.
    expect(d.getByRole('group', { name: 'Products' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Create goal' }));
    await waitFor(() => expect(bridge.callsTo('goals.create')).toHaveLength(1));
    const sent = bridge.callsTo('goals.create')[0]!;
    expect(sent).toMatchObject({
      metric: 'win_rate',
      target: 0.45,
      period: { kind: 'recurring', every: 'quarterly', since: AS_OF, weekStartsOn: 1 },
    });
    // A built-in metric counts toward its own side of the scorecard: the form sends none.
    expect(sent).not.toHaveProperty('category');
  });

  it('offers the learning metrics, in minutes where they are time, with no sales filters to pick', async () => {
    const { user, dialog, bridge } = await openNew({ 'goals.create': () => goalFixture({ id: 9 }) });
    const d = within(dialog);
    const metric = d.getByLabelText('What to measure') as HTMLSelectElement;
    expect([...metric.options].map((o) => o.textContent)).toEqual(
      expect.arrayContaining(['Items finished', 'Minutes spent learning', 'Pages read', 'Takeaways tried']),
    );
    // A segment picked for revenue is not sent once the metric is a learning one.
    await user.click(
      within(d.getByRole('group', { name: 'Customer segments' })).getByRole('checkbox', { name: 'SMB' }),
    );
    await user.type(d.getByLabelText('Name'), '30 minutes of training a week');
    await user.selectOptions(metric, 'learning_minutes');
    expect(d.getByText('Minutes you spent reading, listening to or watching library items.')).toBeTruthy();
    expect(d.queryByRole('group', { name: 'Products' })).toBeNull();
    expect(d.queryByRole('group', { name: 'Customer segments' })).toBeNull();
    expect(d.queryByRole('group', { name: 'Techniques' })).toBeNull();
    expect(d.getByText(/no product, technique or customer segment narrows it/)).toBeTruthy();
    expect(d.getByText('mins')).toBeTruthy();
    expect(d.getByText('Minutes, e.g. 30')).toBeTruthy();
    expect(d.getByText('Quality')).toBeTruthy();
    await user.type(d.getByLabelText('Target'), '30');
    await user.click(d.getByRole('radio', { name: 'Repeats' }));
    await user.selectOptions(d.getByLabelText('How often'), 'weekly');
    await user.click(screen.getByRole('button', { name: 'Create goal' }));
    await waitFor(() => expect(bridge.callsTo('goals.create')).toHaveLength(1));
    expect(bridge.callsTo('goals.create')[0]).toMatchObject({
      metric: 'learning_minutes',
      target: 30,
      period: { kind: 'recurring', every: 'weekly' },
      filters: { productIds: [], segments: [], techniqueIds: [] },
    });
  });

  it('refuses what the schema refuses, in the user’s words, and sends nothing', async () => {
    const { user, dialog, bridge } = await openNew();
    const d = within(dialog);
    await user.click(screen.getByRole('button', { name: 'Create goal' }));
    expect(errorOf(d.getByLabelText('Name'))).toBe('This field is required');
    expect(errorOf(d.getByLabelText('Target'))).toBe('This field is required');
    expect(errorOf(d.getByLabelText('Until'))).toBe('Enter a valid date');
    expect(document.activeElement).toBe(d.getByLabelText('Name'));

    await user.type(d.getByLabelText('Name'), 'Win more');
    await fill(user, d.getByLabelText('Until'), '2026-03-31');
    await user.selectOptions(d.getByLabelText('What to measure'), 'win_rate');
    await user.type(d.getByLabelText('Target'), '140');
    await user.click(d.getByRole('button', { name: 'Checklist step' }));
    const step = d.getByRole('group', { name: 'Checklist step' });
    await user.type(within(step).getByLabelText('Step'), 'Kick-off');
    await fill(user, within(step).getByLabelText('By'), '2026-04-02');
    await user.click(screen.getByRole('button', { name: 'Create goal' }));
    expect(errorOf(d.getByLabelText('Target'))).toBe('Enter a percentage from 0 to 100');
    expect(errorOf(within(step).getByLabelText('By'))).toBe("Pick a day inside the goal's period");
    expect(errorOf(d.getByLabelText('Name'))).toBeUndefined();
    expect(bridge.callsTo('goals.create')).toEqual([]);

    // Fixing a field clears its message at once.
    await fill(user, d.getByLabelText('Target'), '40');
    expect(d.getByLabelText('Target').getAttribute('aria-invalid')).toBeNull();
    expect(errorOf(d.getByLabelText('Target'))).toBe('A percentage, e.g. 40');
  });

  it('says the same in Italian', async () => {
    const { user, dialog } = await openNew({}, 'it');
    const d = within(dialog);
    await user.click(screen.getByRole('button', { name: 'Crea obiettivo' }));
    expect(errorOf(d.getByLabelText('Nome'))).toBe('Campo obbligatorio');
    expect(errorOf(d.getByLabelText('Al'))).toBe('Inserisci una data valida');
    await user.type(d.getByLabelText('Nome'), 'Clienti felici');
    await fill(user, d.getByLabelText('Al'), '2026-03-31');
    await user.selectOptions(d.getByLabelText('Cosa misurare'), 'avg_satisfaction');
    await user.type(d.getByLabelText('Traguardo'), '5,5');
    await user.click(screen.getByRole('button', { name: 'Crea obiettivo' }));
    expect(errorOf(d.getByLabelText('Traguardo'))).toBe('La soddisfazione va da 1 a 5');
    await user.selectOptions(d.getByLabelText('Cosa misurare'), 'win_rate');
    await fill(user, d.getByLabelText('Traguardo'), '140');
    expect(errorOf(d.getByLabelText('Traguardo'))).toBe('Inserisci una percentuale da 0 a 100');
  });
});

describe('period presets', () => {
  // The fields show the day as dd/mm/yyyy; the form keeps it as YYYY-MM-DD.
  it('fill From and Until with this month, this quarter or this year (today is 16 March 2026)', async () => {
    const { user, dialog } = await openNew();
    const d = within(dialog);
    const presets = d.getByRole('group', { name: 'Quick dates' });
    const dates = (): [string, string] => [
      (d.getByLabelText('From') as HTMLInputElement).value,
      (d.getByLabelText('Until') as HTMLInputElement).value,
    ];
    await user.click(within(presets).getByRole('button', { name: 'This month' }));
    expect(dates()).toEqual(['01/03/2026', '31/03/2026']);
    await user.click(within(presets).getByRole('button', { name: 'This quarter' }));
    expect(dates()).toEqual(['01/01/2026', '31/03/2026']);
    await user.click(within(presets).getByRole('button', { name: 'This year' }));
    expect(dates()).toEqual(['01/01/2026', '31/12/2026']);
  });

  it('are offered in Italian, and not for a recurring goal', async () => {
    const { user, dialog } = await openNew({}, 'it');
    const d = within(dialog);
    await user.click(d.getByRole('button', { name: 'Questo trimestre' }));
    expect((d.getByLabelText('Dal') as HTMLInputElement).value).toBe('01/01/2026');
    await user.click(d.getByText('Si ripete'));
    expect(d.queryByRole('group', { name: 'Date rapide' })).toBeNull();
  });
});

describe('editing a goal', () => {
  async function openEdit(handlers: FakeHandlers = {}) {
    const app = renderApp({ ...base, ...handlers }, { route: '/goals/7' });
    await app.user.click(await screen.findByRole('button', { name: 'Edit' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit goal' });
    return { ...app, dialog, d: within(dialog) };
  }

  it('keeps what the goal measures, and its start once it has begun', async () => {
    const { d } = await openEdit();
    expect((d.getByLabelText('What to measure') as HTMLSelectElement).disabled).toBe(true);
    expect(
      d.getByText(
        "What a goal measures can't change. To measure something else, archive this goal and create a new one.",
      ),
    ).toBeTruthy();
    expect((d.getByRole('radio', { name: 'At most' }) as HTMLInputElement).disabled).toBe(true);
    expect((d.getByLabelText('From') as HTMLInputElement).disabled).toBe(true);
    expect((d.getByLabelText('Target') as HTMLInputElement).value).toBe('30000.00');
  });

  it('says a lower target will be recorded as easing, and sends why', async () => {
    const { user, d, bridge } = await openEdit({ 'goals.update': ({ id }) => goalFixture({ id, target: 2_500_000 }) });
    expect(d.queryByRole('status')).toBeNull();
    await fill(user, d.getByLabelText('Target'), '25000');
    expect(d.getByRole('status').textContent).toBe(
      "This makes the goal easier. That's allowed, and it will be recorded as easing in the goal's history, with today's date.",
    );
    await user.type(d.getByLabelText(/Why the change\?/), 'Two prospects slipped');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(bridge.callsTo('goals.update')).toHaveLength(1));
    expect(bridge.callsTo('goals.update')[0]).toMatchObject({
      id: 7,
      goal: { target: 2_500_000, period: { kind: 'fixed', from: '2026-03-01', to: '2026-03-31' } },
      note: 'Two prospects slipped',
    });
    expect(await screen.findByText('Goal saved')).toBeTruthy();
  });

  it('says a later deadline eases too, and a harder target is simply recorded', async () => {
    const { user, d } = await openEdit();
    await fill(user, d.getByLabelText('Until'), '2026-04-15');
    expect(d.getByRole('status').textContent).toMatch(/^This makes the goal easier/);
    await fill(user, d.getByLabelText('Until'), '2026-03-31');
    await fill(user, d.getByLabelText('Target'), '35000');
    expect(d.getByRole('status').textContent).toBe(
      "The change will be recorded in the goal's history, with today's date.",
    );
  });

  it('puts the backend’s refusal next to the field it is about, in the user’s words', async () => {
    const { user, d } = await openEdit({
      'goals.update': fails('invalid_input', 'The goal cannot be saved as it is.', [
        { path: 'goal.period.to', message: 'errors.noWorkingDay' },
      ]),
    });
    await fill(user, d.getByLabelText('Until'), '2026-04-05');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() =>
      expect(errorOf(d.getByLabelText('Until'))).toBe(
        'This period has no working day (see Settings → Working days and breaks)',
      ),
    );
    expect(within(d.getByRole('alert')).getByText('The goal could not be saved')).toBeTruthy();
  });
});
