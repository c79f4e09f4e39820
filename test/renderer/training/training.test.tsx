// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TrainingNote } from '../../../src-main/features/training/contract';
import { fails, type FakeHandlers } from '../fakeApi';
import { PRODUCTS } from '../fixtures';
import { fixToday, renderApp } from '../renderApp';
import { trainingNote } from './fixtures';

fixToday(new Date(2026, 2, 16, 10, 0));

const NOTES: TrainingNote[] = [
  trainingNote(1, {
    subject: 'product',
    product: { id: 1, name: 'Consulting day' },
    features: 'A day on site',
    pricing: 'Per day, travel apart',
    objections: [
      { objection: 'Too expensive', answer: 'Compare with a week of trial and error' },
      { objection: 'We have no time', answer: '' },
    ],
    body: 'Bring **the checklist**.',
  }),
  trainingNote(2, { subject: 'segment', name: 'SMB', who: 'Owners', whatWorks: 'Short demos' }),
  trainingNote(3, { subject: 'industry', name: 'Retail', caresAbout: 'Seasons' }),
];

const base: FakeHandlers = {
  'training.list': () => NOTES,
  'products.list': () => PRODUCTS,
  'training.groups': () => ({ segments: ['Enterprise', 'SMB'], industries: ['Logistics', 'Retail'] }),
  'care.followups.count': () => ({ asOf: '2026-03-16', overdue: 0, today: 0, due: 0 }),
  'techniques.list': () => [],
};

describe('the training notes screen', () => {
  it('is in the sidebar, and groups the notes by products, segments and industries with what each says', async () => {
    const { user, settled } = renderApp(base, { route: '/sales' });
    await user.click(await screen.findByRole('link', { name: 'Training' }));
    await settled();
    expect(screen.getByRole('heading', { level: 1, name: 'Training notes' })).toBeTruthy();
    expect(screen.getByText('3 notes')).toBeTruthy();
    const products = screen.getByRole('region', { name: /Products/ });
    const consulting = within(products).getByRole('article', { name: 'Consulting day' });
    expect(within(consulting).getByText('A day on site')).toBeTruthy();
    expect(within(consulting).getByText('Per day, travel apart')).toBeTruthy();
    expect(
      within(within(consulting).getByRole('list', { name: 'Objections and answers' }))
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Too expensiveCompare with a week of trial and error', 'We have no timeNo answer written yet']);
    expect(within(consulting).getByText('the checklist').tagName).toBe('STRONG');
    expect(within(consulting).queryByText('Who they are')).toBeNull();
    // The other product has no note yet: offered as a way to start one.
    expect(within(products).getByText(/1 product has no note yet:/)).toBeTruthy();
    expect(within(products).getByRole('button', { name: 'Custom project' })).toBeTruthy();
    const smb = within(screen.getByRole('region', { name: /Segments/ })).getByRole('article', { name: 'SMB' });
    expect(within(smb).getByText('Who they are')).toBeTruthy();
    expect(within(smb).getByText('Short demos')).toBeTruthy();
    expect(
      within(screen.getByRole('region', { name: /Industries/ })).getByRole('article', { name: 'Retail' }),
    ).toBeTruthy();
  });

  it('says what to do when there is none yet, in Italian too', async () => {
    renderApp({ ...base, 'training.list': () => [] }, { route: '/training', settings: { language: 'it' } });
    expect(await screen.findByRole('heading', { level: 2, name: 'Ancora nessuna scheda di formazione' })).toBeTruthy();
    expect(screen.getAllByRole('button', { name: 'Nuova scheda' })).toHaveLength(2);
  });

  it('brings the note a search opened into view', async () => {
    renderApp(base, { route: '/training?focus=3' });
    const retail = await screen.findByRole('article', { name: 'Retail' });
    await waitFor(() => expect(document.activeElement).toBe(retail));
  });

  it('is what the search box opens for a training note hit', async () => {
    const { user } = renderApp(
      {
        ...base,
        'search.query': () => ({
          items: [
            {
              kind: 'training',
              id: 3,
              title: 'Retail',
              snippet: [{ text: 'Seasons', match: true }],
              date: '2026-03-02',
              customerId: null,
              itemId: null,
            },
          ],
          total: 1,
          counts: {
            journal: 0,
            technique: 0,
            sale: 0,
            customer: 0,
            complaint: 0,
            training: 1,
            library: 0,
            highlight: 0,
          },
        }),
      },
      { route: '/journal/techniques' },
    );
    // The search button in the sidebar (or "/") opens it.
    await user.click(await screen.findByRole('button', { name: /^Search/ }));
    await user.type(await screen.findByRole('combobox', { name: 'Search everything' }), 'seaso');
    const group = await screen.findByRole('group', { name: /Training notes/ });
    expect(within(group).getByRole('option').textContent).toContain('Retail');
    await user.keyboard('{Enter}');
    const retail = await screen.findByRole('article', { name: 'Retail' });
    await waitFor(() => expect(document.activeElement).toBe(retail));
    expect(screen.getByRole('heading', { level: 1, name: 'Training notes' })).toBeTruthy();
  });

  it('writes a product note with objections, from the keyboard; blank rows are left out', async () => {
    const { user, bridge } = renderApp(
      {
        ...base,
        'training.create': (input) => trainingNote(9, { ...input, product: { id: 2, name: 'Custom project' } }),
      },
      { route: '/training' },
    );
    await user.click((await screen.findAllByRole('button', { name: 'New note' }))[0]!);
    const dialog = await screen.findByRole('dialog', { name: 'New training note' });
    // The product with a note already is not offered again; the select has the focus.
    const product = within(dialog).getByRole('combobox', { name: 'Product' });
    expect(document.activeElement).toBe(product);
    expect(
      within(product)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Choose a product', 'Custom project']);
    await user.selectOptions(product, 'Custom project');
    await user.type(within(dialog).getByLabelText(/^Benefits/), 'Built for them');
    expect(within(dialog).queryByLabelText(/^Who they are/)).toBeNull();

    await user.click(within(dialog).getByRole('button', { name: 'Add an objection' }));
    expect(document.activeElement).toBe(within(dialog).getByRole('textbox', { name: 'Objection 1' }));
    // Enter in an objection goes on to its answer rather than saving.
    await user.keyboard('  It takes too long {Enter}');
    expect(document.activeElement).toBe(
      within(within(dialog).getByRole('group', { name: 'Objection 1' })).getByLabelText('Answer'),
    );
    await user.keyboard('Phase it over two months');
    await user.click(within(dialog).getByRole('button', { name: 'Add an objection' }));
    await user.click(within(dialog).getByRole('button', { name: 'Add an objection' }));
    await user.type(within(dialog).getByRole('textbox', { name: 'Objection 3' }), 'Who maintains it?');
    expect(bridge.callsTo('training.create')).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Add note' }));

    await waitFor(() =>
      expect(bridge.callsTo('training.create')).toEqual([
        {
          subject: 'product',
          productId: 2,
          name: null,
          features: null,
          benefits: 'Built for them',
          pricing: null,
          who: null,
          caresAbout: null,
          whatWorks: null,
          objections: [
            { objection: 'It takes too long', answer: 'Phase it over two months' },
            { objection: 'Who maintains it?', answer: '' },
          ],
          body: '',
        },
      ]),
    );
    expect(await screen.findByText('Training note on “Custom project” added')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('removes an objection row and hands the focus on; an answer without its objection is refused in place', async () => {
    const { user, bridge } = renderApp(base, { route: '/training' });
    await user.click(await screen.findByRole('button', { name: 'Actions for Consulting day' }));
    await user.click(screen.getByRole('menuitem', { name: 'Edit' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit training note' });
    expect((within(dialog).getByRole('textbox', { name: 'Objection 2' }) as HTMLInputElement).value).toBe(
      'We have no time',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Remove objection 1' }));
    expect(document.activeElement).toBe(within(dialog).getByRole('textbox', { name: 'Objection 1' }));
    expect((document.activeElement as HTMLInputElement).value).toBe('We have no time');
    await user.clear(within(dialog).getByRole('textbox', { name: 'Objection 1' }));
    await user.type(
      within(within(dialog).getByRole('group', { name: 'Objection 1' })).getByLabelText('Answer'),
      'Later',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    const objection = within(dialog).getByRole('textbox', { name: 'Objection 1' });
    expect(objection.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(objection.getAttribute('aria-describedby')!)?.textContent).toBe(
      'This field is required',
    );
    expect(document.activeElement).toBe(objection);
    await user.click(within(dialog).getByRole('button', { name: 'Remove objection 1' }));
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Add an objection' }));
    expect(bridge.callsTo('training.update')).toEqual([]);
  });

  it('Escape on a half-filled note asks before discarding it; an untouched one just closes', async () => {
    const { user } = renderApp(base, { route: '/training' });
    await user.click((await screen.findAllByRole('button', { name: 'New note' }))[0]!);
    await screen.findByRole('dialog', { name: 'New training note' });
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();

    await user.click(screen.getAllByRole('button', { name: 'New note' })[0]!);
    const dialog = await screen.findByRole('dialog', { name: 'New training note' });
    await user.click(within(dialog).getByRole('radio', { name: 'Segment' }));
    await user.type(within(dialog).getByRole('combobox', { name: 'Segment' }), 'Mid');
    await user.keyboard('{Escape}');
    const ask = screen.getByRole('alertdialog', { name: 'Discard your changes?' });
    await user.click(within(ask).getByRole('button', { name: 'Keep editing' }));
    expect((within(dialog).getByRole('combobox', { name: 'Segment' }) as HTMLInputElement).value).toBe('Mid');
    await user.keyboard('{Escape}');
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Discard' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('offers the customers’ segments as names, and shows a second note on one as refused on its field', async () => {
    const { user } = renderApp(
      {
        ...base,
        'training.create': fails(
          'conflict',
          'training.failures.segmentTaken',
          [{ path: 'name', message: 'training.errors.segmentTaken' }],
          { id: 2, name: 'SMB' },
        ),
      },
      { route: '/training' },
    );
    await user.click((await screen.findAllByRole('button', { name: 'New note' }))[0]!);
    const dialog = await screen.findByRole('dialog', { name: 'New training note' });
    await user.click(within(dialog).getByRole('radio', { name: 'Segment' }));
    const name = within(dialog).getByRole('combobox', { name: 'Segment' }) as HTMLInputElement;
    await waitFor(() =>
      expect(
        [...document.querySelectorAll(`#${name.getAttribute('list')} option`)].map((o) => o.getAttribute('value')),
      ).toEqual(['Enterprise', 'SMB']),
    );
    await user.type(name, 'smb');
    await user.type(within(dialog).getByLabelText(/^What works with them/), 'Demos');
    await user.click(within(dialog).getByRole('button', { name: 'Add note' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain("Couldn't save the training note");
    expect(alert.textContent).toContain(
      'There is already a training note on the segment “SMB” (note 2): change that one instead.',
    );
    expect(document.getElementById(name.getAttribute('aria-describedby')!)?.textContent).toBe(
      'This segment already has a training note',
    );
  });

  it('deletes a note after asking', async () => {
    const { user, bridge } = renderApp({ ...base, 'training.delete': ({ id }) => ({ id }) }, { route: '/training' });
    await user.click(await screen.findByRole('button', { name: 'Actions for Retail' }));
    await user.click(screen.getByRole('menuitem', { name: 'Delete' }));
    const ask = screen.getByRole('alertdialog', { name: 'Delete this training note?' });
    expect(ask.textContent).toContain('The note on “Retail” will be deleted.');
    await user.click(within(ask).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(bridge.callsTo('training.delete')).toEqual([{ id: 3 }]));
    expect(await screen.findByText('Training note deleted')).toBeTruthy();
  });
});
