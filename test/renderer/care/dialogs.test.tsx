// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Complaint } from '../../../src-main/features/care/contract';
import { fails, type FakeHandlers } from '../fakeApi';
import {
  checkInFixture,
  checkInItem,
  complaintFixture,
  complaintItem,
  customerFixture,
  followUpListFixture,
  interactionFixture,
  saleFixture,
  stayInTouchItem,
} from '../fixtures';
import { fixToday, renderApp } from '../renderApp';

// Today is fixed (Date only; timers stay real for user-event): 27 November 2026, local time.
fixToday(new Date(2026, 10, 27, 10, 0));

const giulia = customerFixture();
const base: FakeHandlers = {
  'care.followups.list': () =>
    followUpListFixture({ overdue: [stayInTouchItem(), checkInItem()], today: [complaintItem()] }),
  'care.followups.count': () => ({ asOf: '2026-11-27', overdue: 2, today: 1, due: 3 }),
  'sales.list': ({ customerId }) => ({
    items: customerId === 1 ? [saleFixture({ id: 1, title: 'Workshop', closedOn: '2026-10-26' })] : [],
    total: customerId === 1 ? 1 : 0,
  }),
  'customers.list': () => ({ items: [giulia], total: 1 }),
  'care.complaints.list': () => ({ items: [complaintFixture()], total: 1 }),
};

const item = (name: RegExp): HTMLElement => screen.getByRole('listitem', { name });
const errorOf = (control: HTMLElement): string | null | undefined =>
  document.getElementById(control.getAttribute('aria-describedby')?.split(' ')[0] ?? '')?.textContent;

interface Opening {
  /** The follow-up's accessible name, and the button on it that opens the dialog. */
  item: RegExp;
  button: string | RegExp;
  /** The dialog's name, checked as it opens. */
  dialog?: string;
  language?: 'en' | 'it';
}

/** The follow-ups on `base` and `handlers`, with the dialog that `button` on the item opens. */
async function openFromItem({ item: name, button, dialog, language = 'en' }: Opening, handlers: FakeHandlers = {}) {
  const app = renderApp({ ...base, ...handlers }, { route: '/followups', settings: { language } });
  await screen.findByRole('heading', { name: language === 'en' ? /Overdue/ : /In ritardo/ });
  await app.user.click(within(item(name)).getByRole('button', { name: button }));
  return { ...app, dialog: await screen.findByRole('dialog', dialog ? { name: dialog } : {}) };
}

const openCheckIn = (handlers: FakeHandlers, language: 'en' | 'it' = 'en') =>
  openFromItem(
    { item: /Check-in,\s*Giulia Bianchi/, button: language === 'en' ? /Complete/ : /Completa/, language },
    handlers,
  );

describe('completing a check-in', () => {
  it('sends the outcome and the scores chosen on the radio groups', async () => {
    const { user, bridge, dialog } = await openCheckIn({
      'care.checkins.complete': ({ id, outcome, csat, nps }) => ({
        checkIn: checkInFixture({ id, status: 'done', completedOn: '2026-11-27', outcome, csat, nps }),
        complaint: null,
      }),
    });
    expect(dialog.getAttribute('aria-labelledby')).toBeTruthy();
    expect(within(dialog).getByRole('heading', { name: 'Check-in with Giulia Bianchi' })).toBeTruthy();
    expect(within(dialog).getByText('Day-30 check-in after “Workshop”')).toBeTruthy();

    await user.type(within(dialog).getByLabelText(/How did it go/), 'All fine, wants training');
    const csat = within(dialog).getByRole('group', { name: /Satisfaction/ });
    expect(within(csat).getByRole('radio', { name: 'Not asked' })).toHaveProperty('checked', true);
    await user.click(within(csat).getByRole('radio', { name: '4' }));
    await user.click(
      within(within(dialog).getByRole('group', { name: /Likely to recommend/ })).getByRole('radio', { name: '9' }),
    );
    await user.click(within(dialog).getByRole('button', { name: 'Complete check-in' }));

    await waitFor(() => expect(bridge.callsTo('care.checkins.complete')).toHaveLength(1));
    expect(bridge.callsTo('care.checkins.complete')[0]).toEqual({
      id: 11,
      completedOn: '2026-11-27',
      outcome: 'All fine, wants training',
      csat: 4,
      nps: 9,
      concern: null,
      concernCategory: 'other',
      concernSeverity: 'medium',
    });
    expect(await screen.findByText('Check-in with Giulia Bianchi done')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('asks what the concern is, then says a complaint was opened and leads to it', async () => {
    const opened = complaintFixture({
      id: 8,
      checkInId: 11,
      source: 'check_in',
      category: 'product',
      severity: 'high',
      description: 'The dimmer buzzes',
      remindOn: '2026-12-04',
      openedOn: '2026-11-27',
    });
    const { user, bridge, dialog } = await openCheckIn({
      'care.checkins.complete': ({ id }) => ({
        checkIn: checkInFixture({ id, status: 'done', concern: 'The dimmer buzzes', complaintId: 8 }),
        complaint: opened,
      }),
      'care.complaints.list': () => ({ items: [opened], total: 1 }),
    });
    await user.click(within(dialog).getByRole('checkbox', { name: /The customer raised a concern/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Complete check-in' }));
    const concern = within(dialog).getByLabelText('What is the concern?');
    expect(concern.getAttribute('aria-invalid')).toBe('true');
    expect(errorOf(concern)).toBe('This field is required');
    expect(document.activeElement).toBe(concern);
    expect(bridge.callsTo('care.checkins.complete')).toEqual([]);

    await user.type(concern, 'The dimmer buzzes');
    expect(concern.getAttribute('aria-invalid')).toBeNull();
    await user.selectOptions(within(dialog).getByLabelText('About'), 'product');
    await user.click(
      within(within(dialog).getByRole('group', { name: 'Severity' })).getByRole('radio', { name: 'High' }),
    );
    await user.click(within(dialog).getByRole('button', { name: 'Complete check-in' }));

    expect(await within(dialog).findByText('Check-in done')).toBeTruthy();
    expect(bridge.callsTo('care.checkins.complete')[0]).toMatchObject({
      concern: 'The dimmer buzzes',
      concernCategory: 'product',
      concernSeverity: 'high',
    });
    expect(
      within(dialog).getByText(
        'Opened a complaint on 27 Nov 2026 about “The dimmer buzzes” (high severity). It is on your follow-ups until it is resolved.',
      ),
    ).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Open the complaint' }));
    const complaint = await screen.findByRole('dialog', { name: 'Complaint from Giulia Bianchi' });
    expect(within(complaint).getByText('Raised at a check-in')).toBeTruthy();
    expect((within(complaint).getByLabelText('What is the complaint?') as HTMLTextAreaElement).value).toBe(
      'The dimmer buzzes',
    );
  });

  it('quotes a long concern clipped, with its severity (issue #10, point 12)', async () => {
    const long = 'The dimmer buzzes at low light and the customer says the shop promised a quiet model last spring';
    const opened = complaintFixture({
      id: 8,
      source: 'check_in',
      severity: 'medium',
      description: long,
      openedOn: '2026-11-27',
    });
    const { user, dialog } = await openCheckIn({
      'care.checkins.complete': ({ id }) => ({
        checkIn: checkInFixture({ id, status: 'done', concern: long, complaintId: 8 }),
        complaint: opened,
      }),
    });
    await user.click(within(dialog).getByRole('checkbox', { name: /The customer raised a concern/ }));
    await user.type(within(dialog).getByLabelText('What is the concern?'), long);
    await user.click(within(dialog).getByRole('button', { name: 'Complete check-in' }));
    expect(
      await within(dialog).findByText(
        'Opened a complaint on 27 Nov 2026 about “The dimmer buzzes at low light and the customer says the shop promised a quiet…” (medium severity). It is on your follow-ups until it is resolved.',
      ),
    ).toBeTruthy();
  });

  it('says the same in Italian', async () => {
    const { user, dialog } = await openCheckIn({}, 'it');
    expect(within(dialog).getByRole('heading', { name: 'Check-in con Giulia Bianchi' })).toBeTruthy();
    expect(within(dialog).getByRole('group', { name: /Soddisfazione \(1–5\)/ })).toBeTruthy();
    await user.click(within(dialog).getByRole('checkbox', { name: /Il cliente ha segnalato un problema/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Completa il check-in' }));
    expect(errorOf(within(dialog).getByLabelText('Qual è il problema?'))).toBe('Campo obbligatorio');
  });

  it('keeps what was typed and shows the backend’s reason when it refuses', async () => {
    const { user, dialog } = await openCheckIn({
      'care.checkins.complete': fails('conflict', 'This check-in was already completed.'),
    });
    await user.type(within(dialog).getByLabelText(/How did it go/), 'Called back');
    await user.click(within(dialog).getByRole('button', { name: 'Complete check-in' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain("Couldn't complete the check-in");
    expect(alert.textContent).toContain('This check-in was already completed.');
    expect((within(dialog).getByLabelText(/How did it go/) as HTMLTextAreaElement).value).toBe('Called back');
  });
});

describe('logging an interaction', () => {
  it('needs a summary and a real day, and links the conversation to one of the customer’s sales', async () => {
    const { user, bridge, dialog } = await openFromItem(
      { item: /Complaint,\s*Giulia Bianchi/, button: 'Log a call', dialog: 'Log an interaction with Giulia Bianchi' },
      { 'care.interactions.create': (input) => interactionFixture({ ...input, id: 30 }) },
    );
    expect(within(dialog).getByRole('radio', { name: 'Call' })).toHaveProperty('checked', true);
    const date = within(dialog).getByLabelText('Date') as HTMLInputElement;
    expect(date.value).toBe('27/11/2026');
    await user.clear(date);
    await user.click(within(dialog).getByRole('button', { name: 'Log it' }));
    expect(errorOf(within(dialog).getByLabelText('What was said'))).toBe('This field is required');
    expect(errorOf(date)).toBe('Enter a valid date');
    expect(bridge.callsTo('care.interactions.create')).toEqual([]);

    await user.type(date, '2026-11-26');
    await user.click(within(dialog).getByRole('radio', { name: 'Visit' }));
    await user.type(within(dialog).getByLabelText('What was said'), 'Showed the new catalogue');
    const sale = within(dialog).getByLabelText(/About the sale/);
    await waitFor(() => expect(within(sale).getByRole('option', { name: 'Workshop (26 Oct 2026)' })).toBeTruthy());
    await user.selectOptions(sale, 'Workshop (26 Oct 2026)');
    await user.click(within(dialog).getByRole('button', { name: 'Log it' }));
    await waitFor(() => expect(bridge.callsTo('care.interactions.create')).toHaveLength(1));
    expect(bridge.callsTo('care.interactions.create')[0]).toEqual({
      customerId: 1,
      kind: 'visit',
      occurredOn: '2026-11-26',
      summary: 'Showed the new catalogue',
      saleId: 1,
    });
    expect(await screen.findByText('Logged for Giulia Bianchi')).toBeTruthy();
  });

  it('puts the backend’s field issues on the field they name', async () => {
    const { user, dialog } = await openFromItem(
      {
        item: /Reclamo,\s*Giulia Bianchi/,
        button: 'Registra una chiamata',
        dialog: 'Registra un contatto con Giulia Bianchi',
        language: 'it',
      },
      {
        'care.interactions.create': fails('invalid_input', 'The sale belongs to another customer.', [
          { path: 'saleId', message: 'errors.invalid' },
        ]),
      },
    );
    await user.type(within(dialog).getByLabelText('Di cosa avete parlato'), 'Preventivo');
    await user.click(within(dialog).getByRole('button', { name: 'Registra' }));
    const sale = within(dialog).getByLabelText(/Vendita collegata/);
    await waitFor(() => expect(sale.getAttribute('aria-invalid')).toBe('true'));
    expect(errorOf(sale)).toBe('Valore non valido');
    expect(within(dialog).getByRole('alert').textContent).toContain('The sale belongs to another customer.');
  });

  it('marks a stay-in-touch item done by logging the contact through it', async () => {
    const { user, bridge, dialog } = await openFromItem(
      { item: /Stay in touch,\s*Marco Rossi/, button: /Done/, dialog: 'Done: log the contact with Marco Rossi' },
      {
        'care.followups.done': ({ id }) => ({
          id,
          kind: 'stay_in_touch',
          checkIn: null,
          complaint: null,
          interaction: interactionFixture({ customerId: 4, customerName: 'Marco Rossi' }),
          action: null,
        }),
      },
    );
    expect(within(dialog).getByText(/No contact for 75 days \(max 60\)/)).toBeTruthy();
    // "Done" needs no words; the sale link belongs to logging a conversation, not to this.
    expect(within(dialog).queryByLabelText(/About the sale/)).toBeNull();
    await user.click(within(dialog).getByRole('radio', { name: 'Email' }));
    await user.click(within(dialog).getByRole('button', { name: 'Mark done' }));
    await waitFor(() => expect(bridge.callsTo('care.followups.done')).toHaveLength(1));
    expect(bridge.callsTo('care.followups.done')[0]).toEqual({
      id: 's4',
      on: '2026-11-27',
      outcome: null,
      csat: null,
      nps: null,
      concern: null,
      interactionKind: 'email',
    });
    expect(await screen.findByText('Done: contact with Marco Rossi logged')).toBeTruthy();
  });
});

describe('complaints', () => {
  it('records a new one, asking for the customer and the complaint itself', async () => {
    const { user, bridge } = renderApp(
      {
        ...base,
        'care.complaints.create': (input) =>
          complaintFixture({ ...input, id: 9, customerName: 'Giulia Bianchi', status: 'open' }),
      },
      { route: '/followups/complaints' },
    );
    await user.click(await screen.findByRole('button', { name: 'New complaint' }));
    const dialog = await screen.findByRole('dialog', { name: 'New complaint' });
    await user.click(within(dialog).getByRole('button', { name: 'Record complaint' }));
    expect(errorOf(within(dialog).getByLabelText('Customer'))).toBe('Choose a customer');
    expect(errorOf(within(dialog).getByLabelText('What is the complaint?'))).toBe('This field is required');
    expect(bridge.callsTo('care.complaints.create')).toEqual([]);

    await user.type(within(dialog).getByLabelText('Customer'), 'Giu');
    await user.click(await within(dialog).findByRole('option', { name: /Giulia Bianchi/ }));
    await user.type(within(dialog).getByLabelText('What is the complaint?'), 'Invoice charged twice');
    await user.selectOptions(within(dialog).getByLabelText('How it came in'), 'email');
    await user.selectOptions(within(dialog).getByLabelText('About'), 'billing');
    await user.click(within(dialog).getByRole('radio', { name: 'Low' }));
    await user.click(within(dialog).getByRole('button', { name: 'Record complaint' }));
    await waitFor(() => expect(bridge.callsTo('care.complaints.create')).toHaveLength(1));
    expect(bridge.callsTo('care.complaints.create')[0]).toEqual({
      customerId: 1,
      saleId: null,
      openedOn: '2026-11-27',
      source: 'email',
      category: 'billing',
      severity: 'low',
      description: 'Invoice charged twice',
    });
    expect(await screen.findByText('Complaint from Giulia Bianchi recorded')).toBeTruthy();
  });

  it('lists them by state, with how long the open ones have waited and how long the closed ones took', async () => {
    const closed = complaintFixture({
      id: 4,
      status: 'resolved',
      openedOn: '2026-10-01',
      resolvedOn: '2026-10-06',
      daysToResolve: 5,
      remindOn: null,
      description: 'Late delivery',
    });
    const { user, bridge } = renderApp(
      {
        ...base,
        'care.complaints.list': ({ status }) =>
          status === 'closed'
            ? { items: [closed], total: 1 }
            : status === 'active'
              ? { items: [complaintFixture()], total: 1 }
              : { items: [], total: 0 },
      },
      { route: '/followups/complaints' },
    );
    const open = await screen.findByRole('row', { name: /Two lamps arrived broken/ });
    expect(within(open).getByText('Open 9 days')).toBeTruthy();
    expect(within(open).getByText('High')).toBeTruthy();
    expect(bridge.callsTo('care.complaints.list')[0]).toEqual({ status: 'active', offset: 0, limit: 50 });

    await user.click(screen.getByRole('radio', { name: 'Resolved and closed' }));
    const row = await screen.findByRole('row', { name: /Late delivery/ });
    expect(within(row).getByText('Resolved')).toBeTruthy();
    expect(within(row).getByText('5 days')).toBeTruthy();
    expect(within(row).queryByText(/Open \d+ days/)).toBeNull();

    await user.click(screen.getByRole('radio', { name: 'All' }));
    expect(await screen.findByRole('heading', { name: 'No complaints yet' })).toBeTruthy();
  });

  it('resolves one from its follow-up, which needs the resolution written down', async () => {
    let stored: Complaint = complaintFixture();
    const { user, bridge, dialog } = await openFromItem(
      { item: /Complaint,\s*Giulia Bianchi/, button: /Resolve/, dialog: 'Complaint from Giulia Bianchi' },
      {
        'care.complaints.list': () => ({ items: [stored], total: 1 }),
        'care.complaints.update': ({ id, patch }) => {
          stored = complaintFixture({
            ...stored,
            id,
            ...patch,
            resolution: patch.resolution ?? null,
            resolvedOn: patch.resolvedOn ?? null,
            daysToResolve: 9,
          });
          return stored;
        },
      },
    );
    expect(within(dialog).getByText('Open 9 days')).toBeTruthy();
    expect(within(dialog).getByRole('radio', { name: 'Resolved' })).toHaveProperty('checked', true);
    const resolution = await within(dialog).findByLabelText('How was it resolved?');
    await user.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    expect(errorOf(resolution)).toBe('This field is required');
    expect(bridge.callsTo('care.complaints.update')).toEqual([]);

    await user.type(resolution, 'Sent two new lamps');
    await user.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(bridge.callsTo('care.complaints.update')).toHaveLength(1));
    expect(bridge.callsTo('care.complaints.update')[0]).toEqual({
      id: 3,
      patch: { status: 'resolved', resolution: 'Sent two new lamps', resolvedOn: '2026-11-27' },
    });
    expect(await screen.findByText('Complaint resolved')).toBeTruthy();
  });

  it('moves one to in progress, sending only what changed', async () => {
    const { user, bridge } = renderApp(
      { ...base, 'care.complaints.update': ({ id, patch }) => complaintFixture({ id, ...patch }) },
      { route: '/followups/complaints' },
    );
    await user.click(await screen.findByRole('button', { name: 'Two lamps arrived broken' }));
    const dialog = await screen.findByRole('dialog', { name: 'Complaint from Giulia Bianchi' });
    await user.click(within(dialog).getByRole('radio', { name: 'In progress' }));
    expect(within(dialog).queryByLabelText('How was it resolved?')).toBeNull();
    await user.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(bridge.callsTo('care.complaints.update')).toHaveLength(1));
    expect(bridge.callsTo('care.complaints.update')[0]).toEqual({ id: 3, patch: { status: 'in_progress' } });
  });

  it('refuses an emptied description in Italian, as the shared schema says', async () => {
    const { user, bridge } = renderApp(base, { route: '/followups/complaints', settings: { language: 'it' } });
    await user.click(await screen.findByRole('button', { name: 'Two lamps arrived broken' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reclamo di Giulia Bianchi' });
    const description = within(dialog).getByLabelText('Di cosa si lamenta?');
    await user.clear(description);
    await user.type(description, '   ');
    await user.click(within(dialog).getByRole('button', { name: 'Salva le modifiche' }));
    expect(errorOf(description)).toBe('Campo obbligatorio');
    expect(bridge.callsTo('care.complaints.update')).toEqual([]);
  });

  it('shows an error with the reason when the list cannot be loaded', async () => {
    renderApp(
      { ...base, 'care.complaints.list': fails('internal', 'disk I/O error') },
      { route: '/followups/complaints' },
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain("Couldn't load the complaints");
    expect(alert.textContent).toContain('disk I/O error');
  });
});
