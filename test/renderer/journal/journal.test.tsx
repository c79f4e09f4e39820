// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../../src-main/features/journal/contract';
import type { ParsedInput } from '../../../src-main/shared/api';
import { fails, type FakeHandlers } from '../fakeApi';
import { customerFixture, saleFixture, TECHNIQUES } from '../fixtures';
import { fixToday, renderApp } from '../renderApp';
import { entryFixture } from './fixtures';

fixToday(new Date(2026, 2, 16, 10, 0));

const page = (items: JournalEntry[]) => ({ items, total: items.length });

const base: FakeHandlers = {
  'journal.list': () => page([]),
  'journal.tags': () => [
    { tag: 'price', count: 3 },
    { tag: 'objection', count: 1 },
  ],
  'techniques.list': () => TECHNIQUES,
  'customers.list': () => ({ items: [customerFixture()], total: 1 }),
  'sales.list': () => ({ items: [saleFixture({ id: 7 })], total: 1 }),
  'care.followups.count': () => ({ asOf: '2026-03-16', overdue: 0, today: 0, due: 0 }),
};

/** A create handler that answers like main: the entry as saved, from the input it was sent. */
const created = (input: ParsedInput<'journal.create'>): JournalEntry =>
  entryFixture({
    id: 42,
    ...input,
    customer: null,
    sale: null,
    techniques: TECHNIQUES.filter((t) => input.techniqueIds.includes(t.id)),
  });

describe('the journal page', () => {
  it('invites the first entry when the journal is empty', async () => {
    const { user } = renderApp(base, { route: '/journal' });
    expect(await screen.findByRole('heading', { level: 2, name: 'Your journal is empty' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Write your first entry' }));
    expect(await screen.findByRole('dialog', { name: 'New journal entry' })).toBeTruthy();
  });

  it('shows each entry with its outcome, techniques, links, the sale’s result once closed and its tags', async () => {
    renderApp(
      {
        ...base,
        'journal.list': () =>
          page([
            entryFixture(),
            entryFixture({
              id: 2,
              date: '2026-03-01',
              title: 'First call with Rossi',
              outcome: 'didnt',
              sale: { ...entryFixture().sale!, id: 8, status: 'open', closedOn: null },
              tags: [],
              confidence: null,
            }),
          ]),
      },
      { route: '/journal' },
    );
    const timeline = await screen.findByRole('list', { name: 'Journal entries, newest first' });
    const [first, second] = within(timeline).getAllByRole('article');
    const a = within(first!);
    expect(a.getByRole('heading', { name: 'Price objection at Bianchi' })).toBeTruthy();
    expect(a.getByText('Worked')).toBeTruthy();
    expect(a.getByText('SPIN questions')).toBeTruthy();
    expect(a.getByRole('link', { name: 'Giulia Bianchi' }).getAttribute('href')).toBe('/customers/1');
    expect(a.getByText('Won on 20 Mar 2026, €1,250.00')).toBeTruthy();
    expect(a.getByText('Confidence 4 of 5')).toBeTruthy();
    expect(a.getByText('#price')).toBeTruthy();
    expect(a.getByText('Asked implication questions first.')).toBeTruthy();
    const b = within(second!);
    expect(b.getByText("Didn't work")).toBeTruthy();
    expect(b.getByText('Open')).toBeTruthy();
    expect(screen.getByText('2 entries written')).toBeTruthy();
  });

  it('filters by technique, outcome, tag and period, each from the first page', async () => {
    const { user, bridge } = renderApp(
      { ...base, 'journal.list': () => page([entryFixture()]) },
      { route: '/journal' },
    );
    await screen.findByRole('list', { name: 'Journal entries, newest first' });
    await user.selectOptions(screen.getByLabelText('Technique'), 'SPIN questions');
    await user.selectOptions(screen.getByLabelText('Outcome'), 'Worked');
    await user.selectOptions(screen.getByLabelText('Tag'), 'price (3)');
    await user.type(screen.getByLabelText('From'), '01/03/2026');
    await waitFor(() =>
      expect(bridge.callsTo('journal.list').at(-1)).toEqual({
        techniqueId: 1,
        outcome: 'worked',
        tag: 'price',
        from: '2026-03-01',
        limit: 25,
        offset: 0,
      }),
    );
    await user.click(screen.getAllByRole('button', { name: 'Clear filters' })[0]!);
    await waitFor(() => expect(bridge.callsTo('journal.list').at(-1)).toEqual({ limit: 25, offset: 0 }));
  });

  it('opens an entry with its Markdown rendered', async () => {
    const { user } = renderApp(
      { ...base, 'journal.list': () => page([entryFixture()]), 'journal.get': () => entryFixture() },
      { route: '/journal' },
    );
    await user.click(await screen.findByRole('button', { name: 'Price objection at Bianchi' }));
    const dialog = await screen.findByRole('dialog', { name: 'Price objection at Bianchi' });
    await waitFor(() => expect(within(dialog).getByText('implication').tagName).toBe('STRONG'));
    expect(within(dialog).getByText('Cost of doing nothing beats a discount.')).toBeTruthy();
  });
});

describe('the entry editor', () => {
  async function openEditor(handlers: FakeHandlers = {}) {
    const app = renderApp({ ...base, ...handlers }, { route: '/journal' });
    await app.user.click((await screen.findAllByRole('button', { name: 'New entry' }))[0]!);
    const dialog = await screen.findByRole('dialog', { name: 'New journal entry' });
    return { ...app, dialog, d: within(dialog) };
  }

  it('previews the Markdown as it is typed, link included, and saves every field', async () => {
    const { user, d, bridge } = await openEditor({ 'journal.create': created });
    expect(document.activeElement).toBe(d.getByLabelText('Title'));
    await user.type(d.getByLabelText('Title'), 'Referral ask after the install');
    await user.type(d.getByLabelText(/^What I did/), 'Asked for two names.');
    await user.click(d.getByRole('radio', { name: 'Worked' }));
    await user.click(d.getByRole('checkbox', { name: 'SPIN questions' }));
    await user.click(d.getByRole('radio', { name: '4' }));
    await user.type(d.getByLabelText(/^Tags/), 'referral, Referral , install');
    // user-event reads [ and { as key names: doubled, they are typed as themselves.
    await user.type(d.getByLabelText(/^Notes \(Markdown\)/), 'Read [[the guide](https://example.com/guide) **twice**');

    const preview = d.getByRole('region', { name: 'Preview' });
    const link = await within(preview).findByRole('link', { name: 'the guide' });
    expect(link.getAttribute('href')).toBe('https://example.com/guide');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(within(preview).getByText('twice').tagName).toBe('STRONG');

    await user.click(d.getByRole('button', { name: 'Save entry' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(bridge.callsTo('journal.create')).toEqual([
      {
        date: '2026-03-16',
        title: 'Referral ask after the install',
        situation: null,
        customerId: null,
        saleId: null,
        techniqueIds: [1],
        action: 'Asked for two names.',
        outcome: 'worked',
        learned: null,
        nextTime: null,
        confidence: 4,
        tags: ['referral', 'install'],
        body: 'Read [the guide](https://example.com/guide) **twice**',
      },
    ]);
    expect(await screen.findByText('Entry saved')).toBeTruthy();
  });

  it('links a customer and one of their sales', async () => {
    const { user, d, bridge } = await openEditor({ 'journal.create': created });
    await user.type(d.getByLabelText('Title'), 'Follow-up call');
    await user.type(d.getByRole('combobox', { name: /^Customer/ }), 'giu');
    await user.click(await screen.findByRole('option', { name: /Giulia Bianchi/ }));
    await user.selectOptions(await d.findByLabelText(/^About the sale/), 'Showroom lighting (20 Jan 2026)');
    await user.click(d.getByRole('button', { name: 'Save entry' }));
    await waitFor(() => expect(bridge.callsTo('journal.create')).toHaveLength(1));
    expect(bridge.callsTo('journal.create')[0]).toMatchObject({ customerId: 1, saleId: 7 });
  });

  it('names the field the backend refused: the notes too large', async () => {
    const { user, d } = await openEditor({
      'journal.create': fails('invalid_input', 'Invalid input', [
        { path: 'body', message: 'journal.errors.bodyTooLarge' },
      ]),
    });
    await user.type(d.getByLabelText('Title'), 'Long notes');
    await user.type(d.getByLabelText(/^Notes \(Markdown\)/), 'x');
    await user.click(d.getByRole('button', { name: 'Save entry' }));
    const body = d.getByLabelText(/^Notes \(Markdown\)/);
    await waitFor(() => expect(body.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(body.getAttribute('aria-describedby')!)?.textContent).toBe(
      'The text is too long: at most 1 MB',
    );
    expect(document.activeElement).toBe(body);
  });

  it('refuses an empty title before sending anything', async () => {
    const { user, d, bridge } = await openEditor({ 'journal.create': created });
    await user.click(d.getByRole('button', { name: 'Save entry' }));
    const title = d.getByLabelText('Title');
    expect(title.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(title);
    expect(bridge.callsTo('journal.create')).toEqual([]);
  });

  it('asks before Escape throws away what was typed; a clean form just closes', async () => {
    const { user, d } = await openEditor();
    await user.type(d.getByLabelText('Title'), 'Half a thought');
    await user.keyboard('{Escape}');
    const ask = await screen.findByRole('alertdialog', { name: 'Discard your changes?' });
    await user.click(within(ask).getByRole('button', { name: 'Keep editing' }));
    expect((d.getByLabelText('Title') as HTMLInputElement).value).toBe('Half a thought');

    await user.keyboard('{Escape}');
    await user.click(await screen.findByRole('button', { name: 'Discard' }));
    expect(screen.queryByRole('dialog')).toBeNull();

    await user.click(screen.getAllByRole('button', { name: 'New entry' })[0]!);
    await screen.findByRole('dialog', { name: 'New journal entry' });
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });
});

describe('entries on a customer’s page', () => {
  it('lists the customer’s entries and pre-fills a new one with the customer', async () => {
    const { user, bridge } = renderApp(
      {
        ...base,
        'customers.get': () => ({
          customer: customerFixture(),
          lifetimeValueMinor: 0,
          currency: 'EUR',
          purchases: 0,
          firstPurchase: null,
          lastPurchase: null,
          avgSatisfaction: null,
          sales: [],
        }),
        'care.timeline': fails('internal', 'not in this test'),
        'journal.list': ({ customerId }) => page(customerId === 1 ? [entryFixture()] : []),
        'journal.create': created,
      },
      { route: '/customers/1' },
    );
    const section = await screen.findByRole('region', { name: 'Journal' });
    expect(await within(section).findByRole('button', { name: 'Price objection at Bianchi' })).toBeTruthy();
    expect(bridge.callsTo('journal.list')).toContainEqual({ customerId: 1, limit: 20 });
    await user.click(within(section).getByRole('button', { name: 'New entry' }));
    const dialog = await screen.findByRole('dialog', { name: 'New journal entry' });
    expect((within(dialog).getByRole('combobox', { name: /^Customer/ }) as HTMLInputElement).value).toBe(
      'Giulia Bianchi',
    );
  });
});

describe('entries in a sale’s form', () => {
  it('lists the sale’s entries and pre-fills a new one with its customer, the sale and its techniques', async () => {
    const sale = saleFixture({ id: 7, techniques: [TECHNIQUES[0]!] });
    const { user, bridge } = renderApp({
      ...base,
      'sales.list': () => ({ items: [sale], total: 1 }),
      'products.list': () => [],
      'journal.list': ({ saleId }) => page(saleId === 7 ? [entryFixture()] : []),
      'journal.create': created,
    });
    await user.click(await screen.findByText('Showroom lighting'));
    const form = await screen.findByRole('dialog', { name: 'Edit sale' });
    const section = within(form).getByRole('region', { name: 'Journal' });
    expect(await within(section).findByRole('button', { name: 'Price objection at Bianchi' })).toBeTruthy();
    expect(bridge.callsTo('journal.list')).toContainEqual({ saleId: 7, limit: 20 });

    await user.click(within(section).getByRole('button', { name: 'New entry' }));
    const dialog = await screen.findByRole('dialog', { name: 'New journal entry' });
    const d = within(dialog);
    await user.type(d.getByLabelText('Title'), 'Why it closed');
    await waitFor(() => expect((d.getByLabelText(/^About the sale/) as HTMLSelectElement).value).toBe('7'));
    await user.click(d.getByRole('button', { name: 'Save entry' }));
    await waitFor(() => expect(bridge.callsTo('journal.create')).toHaveLength(1));
    expect(bridge.callsTo('journal.create')[0]).toMatchObject({ customerId: 1, saleId: 7, techniqueIds: [1] });
    // Back on the sale, which stayed open under the entry.
    expect(screen.getByRole('dialog', { name: 'Edit sale' })).toBeTruthy();
  });
});
