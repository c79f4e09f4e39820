// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../../src-main/features/care/contract';
import type { CustomerDetail } from '../../../src-main/features/customers/contract';
import { sortTimeline } from '../../../src-renderer/src/features/care/CustomerTimeline';
import { fails, type FakeHandlers } from '../fakeApi';
import {
  checkInFixture,
  checkInItem,
  complaintFixture,
  customerFixture,
  followUpListFixture,
  interactionFixture,
  reorderItem,
  saleFixture,
  stayInTouchItem,
} from '../fixtures';
import { fixToday, listItemTexts, renderApp } from '../renderApp';

fixToday(new Date(2026, 10, 27, 10, 0));

const giulia = customerFixture({ segment: 'SMB', tags: ['vip'] });
const workshop = saleFixture({ id: 1, title: 'Workshop', closedOn: '2026-10-26', amountMinor: 180000 });
const detail: CustomerDetail = {
  customer: giulia,
  lifetimeValueMinor: 420000,
  currency: 'EUR',
  purchases: 6,
  firstPurchase: '2025-03-02',
  lastPurchase: '2026-10-26',
  avgSatisfaction: 4,
  sales: [workshop],
};

const timeline: TimelineEntry[] = [
  { type: 'sale', date: '2026-10-26', sale: workshop },
  {
    type: 'check_in',
    date: '2026-10-29',
    checkIn: checkInFixture({
      id: 10,
      stepDays: 3,
      dueOn: '2026-10-29',
      status: 'done',
      completedOn: '2026-10-29',
      outcome: 'Installed and working',
      csat: 5,
      nps: 9,
    }),
  },
  { type: 'interaction', date: '2026-11-20', interaction: interactionFixture({ saleId: 1, saleTitle: 'Workshop' }) },
  { type: 'complaint', date: '2026-11-18', complaint: complaintFixture() },
  { type: 'check_in', date: '2026-11-25', checkIn: checkInFixture() },
  {
    type: 'check_in',
    date: '2027-01-24',
    checkIn: checkInFixture({ id: 12, stepDays: 90, dueOn: '2027-01-24', scheduledOn: '2027-01-24' }),
  },
];

const stay = stayInTouchItem({
  id: 's1',
  customerId: 1,
  customerName: 'Giulia Bianchi',
  status: 'fine',
  dueOn: '2026-12-20',
  daysOverdue: -23,
  lastContactOn: '2026-11-20',
  daysSinceContact: 7,
  idealDays: 30,
  maxDays: 60,
});
const reorder = reorderItem({ id: 'r1', customerId: 1, customerName: 'Giulia Bianchi' });

const base: FakeHandlers = {
  'customers.get': () => detail,
  'care.timeline': () => timeline,
  'care.followups.list': () => followUpListFixture({ overdue: [reorder, checkInItem()], later: [stay] }),
  'care.atRisk': () => ({
    items: [
      {
        customerId: 1,
        customerName: 'Giulia Bianchi',
        reasons: [
          { code: 'open_complaint', count: 1, complaintId: 3, openedOn: '2026-11-18', daysOpen: 9, severity: 'high' },
          { code: 'overdue_check_in', count: 1, checkInId: 11, dueOn: '2026-11-25', daysOverdue: 2 },
        ],
      },
    ],
    total: 1,
  }),
  'sales.list': () => ({ items: [workshop], total: 1 }),
  'care.complaints.list': () => ({ items: [complaintFixture()], total: 1 }),
};

describe('a customer’s care', () => {
  it('shows why they are at risk, the stay-in-touch clock, the reorder rhythm and the next steps', async () => {
    const { bridge, settled } = renderApp(base, { route: '/customers/1' });
    await settled();
    const care = screen.getByRole('region', { name: 'Customer care' });
    expect(within(care).getByRole('heading', { name: 'At risk' })).toBeTruthy();
    const reasons = within(care).getByRole('list', { name: 'Reasons' });
    expect(listItemTexts(reasons)).toEqual(['Open complaint (9 days)', 'Check-in 2 days overdue']);
    expect(within(care).getByText('On track')).toBeTruthy();
    expect(within(care).getByText('Last contact on 20 Nov 2026, 7 days ago.')).toBeTruthy();
    expect(within(care).getByText('Ideally every 30 days, at most 60.')).toBeTruthy();
    expect(within(care).getByText('Usually buys every ~47 days (6 purchases).')).toBeTruthy();
    expect(within(care).getByText('The next order was expected around 22 Nov 2026.')).toBeTruthy();
    expect(bridge.callsTo('care.atRisk')[0]).toEqual({ asOf: '2026-11-27', customerId: 1 });

    // A stay-in-touch clock that is fine is not a step to take.
    const steps = screen.getByRole('region', { name: 'Next steps' });
    expect(
      within(steps)
        .getAllByRole('listitem')
        .map((li) => li.getAttribute('class')),
    ).toEqual(['followup followup-reorder', 'followup followup-check_in']);
  });

  it('reads the clock and the rhythm from reminders riding on a check-in (issue #10, point 13)', async () => {
    const call = checkInItem({ customerId: 1, also: [reorder, stay] });
    const { settled } = renderApp(
      { ...base, 'care.followups.list': () => followUpListFixture({ overdue: [call] }) },
      { route: '/customers/1' },
    );
    await settled();
    const care = screen.getByRole('region', { name: 'Customer care' });
    expect(within(care).getByText('Last contact on 20 Nov 2026, 7 days ago.')).toBeTruthy();
    expect(within(care).getByText('Usually buys every ~47 days (6 purchases).')).toBeTruthy();
    const steps = screen.getByRole('region', { name: 'Next steps' });
    expect(within(steps).getAllByRole('listitem')).toHaveLength(1);
  });

  it('says plainly when no rule or rhythm applies and nothing is wrong', async () => {
    const { settled } = renderApp(
      {
        ...base,
        'customers.get': () => ({ ...detail, purchases: 2 }),
        'care.followups.list': () => followUpListFixture(),
        'care.atRisk': () => ({ items: [], total: 0 }),
      },
      { route: '/customers/1' },
    );
    await settled();
    const care = screen.getByRole('region', { name: 'Customer care' });
    expect(within(care).getByRole('heading', { name: 'No warning signs' })).toBeTruthy();
    expect(within(care).getByText(/No stay-in-touch rule applies to this customer/)).toBeTruthy();
    expect(within(care).getByRole('link', { name: 'Set up stay-in-touch rules' }).getAttribute('href')).toBe(
      '/settings',
    );
    expect(within(care).getByText('A rhythm shows once there are 3 purchases.')).toBeTruthy();
    expect(screen.getByText('Nothing planned for this customer.')).toBeTruthy();
  });

  it('tells sales, conversations, check-ins and complaints on one timeline, planned check-ins first', async () => {
    const { user, settled } = renderApp(base, { route: '/customers/1' });
    await settled();
    const section = screen.getByRole('region', { name: 'Timeline' });
    const lists = within(section).getAllByRole('list');
    const [upcoming, past] = lists.map(listItemTexts);
    expect(upcoming).toEqual(['24 Jan 2027Day-90 check-inPlannedafter “Workshop”Complete…']);
    expect(past).toEqual([
      '25 Nov 2026Day-30 check-inOverdueafter “Workshop”Complete…',
      '20 Nov 2026Callabout “Workshop”Asked about the spring range',
      '18 Nov 2026Delivery complaintOpenHigh severityTwo lamps arrived broken',
      '29 Oct 2026Day-3 check-inDoneafter “Workshop”Installed and workingSatisfaction 5/5 · Likely to recommend 9/10',
      '26 Oct 2026WorkshopWon€1,800.00',
    ]);

    await user.click(within(section).getByRole('button', { name: 'Delivery complaint' }));
    await settled();
    expect(screen.getByRole('dialog', { name: 'Complaint from Giulia Bianchi' })).toBeTruthy();
  });

  it('offers "Log a call" and "New complaint" in the header, for this customer', async () => {
    const { user, bridge, settled } = renderApp(
      { ...base, 'care.interactions.create': (input) => interactionFixture({ ...input, id: 40 }) },
      { route: '/customers/1' },
    );
    await settled();
    screen.getByRole('heading', { name: 'Giulia Bianchi', level: 1 });
    await user.click(screen.getByRole('button', { name: 'New complaint' }));
    await settled();
    const complaint = screen.getByRole('dialog', { name: 'New complaint from Giulia Bianchi' });
    expect(within(complaint).queryByLabelText('Customer')).toBeNull();
    await user.click(within(complaint).getByRole('button', { name: 'Cancel' }));

    await user.click(screen.getAllByRole('button', { name: 'Log a call' })[0]!);
    await settled();
    const dialog = screen.getByRole('dialog', { name: 'Log an interaction with Giulia Bianchi' });
    await user.type(within(dialog).getByLabelText('What was said'), 'Quick catch-up');
    await user.click(within(dialog).getByRole('button', { name: 'Log it' }));
    await settled();
    expect(bridge.callsTo('care.interactions.create')).toHaveLength(1);
    expect(bridge.callsTo('care.interactions.create')[0]).toMatchObject({ customerId: 1, kind: 'call' });
  });

  it('shows the timeline failing on its own, with a way to try again', async () => {
    const { settled } = renderApp(
      { ...base, 'care.timeline': fails('internal', 'no such table: check_ins') },
      { route: '/customers/1' },
    );
    await settled();
    const section = screen.getByRole('region', { name: 'Timeline' });
    const alert = within(section).getByRole('alert');
    expect(alert.textContent).toContain("Couldn't load the timeline");
    expect(alert.textContent).toContain('no such table: check_ins');
    expect(screen.getByRole('heading', { name: 'Giulia Bianchi', level: 1 })).toBeTruthy();
  });

  it('puts a "Log a call" action on every row of the customers table', async () => {
    const { user, settled } = renderApp(
      {
        ...base,
        'customers.list': () => ({ items: [giulia], total: 1 }),
        'customers.facets': () => ({ segments: ['SMB'], regions: [], industries: [] }),
      },
      { route: '/customers' },
    );
    await settled();
    await user.click(screen.getByRole('button', { name: 'Log a call with Giulia Bianchi' }));
    await settled();
    expect(screen.getByRole('dialog', { name: 'Log an interaction with Giulia Bianchi' })).toBeTruthy();
    // The row's own click (open the customer) did not fire.
    expect(screen.getByRole('heading', { name: 'Customers', level: 1 })).toBeTruthy();
  });

  it('speaks Italian', async () => {
    const { settled } = renderApp(base, { route: '/customers/1', settings: { language: 'it' } });
    await settled();
    const care = screen.getByRole('region', { name: 'Cura del cliente' });
    expect(within(care).getByText('Reclamo aperto (da 9 giorni)')).toBeTruthy();
    expect(within(care).getByText('In regola')).toBeTruthy();
    expect(within(care).getByText('Di solito compra ogni ~47 giorni (6 acquisti).')).toBeTruthy();
    expect(screen.getByText('Check-in a 90 giorni')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Nuovo reclamo' })).toBeTruthy();
  });
});

describe('the timeline order', () => {
  it('puts the newest first and, on one day, the complaint before the check-in before the sale', () => {
    const day = '2026-11-01';
    const sorted = sortTimeline([
      { type: 'sale', date: day, sale: workshop },
      { type: 'check_in', date: day, checkIn: checkInFixture() },
      { type: 'interaction', date: '2026-11-02', interaction: interactionFixture() },
      { type: 'complaint', date: day, complaint: complaintFixture() },
    ]);
    expect(sorted.map((entry) => entry.type)).toEqual(['interaction', 'complaint', 'check_in', 'sale']);
  });
});
