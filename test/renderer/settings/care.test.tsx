// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Cadence, ContactRule } from '../../../src-main/features/care/contract';
import { fails, type FakeHandlers } from '../fakeApi';
import { customerFixture, PRODUCTS } from '../fixtures';
import { listItemTexts, renderApp } from '../renderApp';

afterEach(cleanup);

const cadence: Cadence = { defaultDays: [3, 30, 90], products: [], segments: [] };
const base: FakeHandlers = {
  'app.info': () => ({ version: '0.1.0', databasePath: '/tmp/rapport.sqlite', platform: 'linux' }),
  'care.cadence.get': () => cadence,
  'care.contactRules.get': () => [],
  'products.list': () => PRODUCTS,
  'customers.facets': () => ({ segments: ['Enterprise', 'SMB'], regions: [], industries: [] }),
  'customers.list': () => ({ items: [customerFixture()], total: 1 }),
};

const errorOf = (control: HTMLElement): string | null | undefined =>
  document.getElementById(control.getAttribute('aria-describedby') ?? '')?.textContent;

/** Settings on top of `base` and `handlers`, once the care form named `name` is on screen. */
async function careForm(name: string, handlers: FakeHandlers = {}, language: 'en' | 'it' = 'en') {
  const app = renderApp({ ...base, ...handlers }, { route: '/settings', settings: { language } });
  return { ...app, form: await screen.findByRole('form', { name }) };
}

describe('care settings: check-ins', () => {
  it('edits the default days as chips and saves them sorted, with the precedence said', async () => {
    const { user, bridge, form } = await careForm('Check-ins after a won sale', {
      'care.cadence.set': (input) => ({ ...input, products: [] }),
    });
    expect(
      within(form).getByText(
        "The days of the customer's segment come first, then those of the product sold, then the default. Changes apply to sales won from now on; check-ins already planned keep their dates.",
      ),
    ).toBeTruthy();
    const defaults = within(form).getByRole('group', { name: 'Default' });
    expect(listItemTexts(defaults)).toEqual(['Day 3', 'Day 30', 'Day 90']);
    await user.click(within(defaults).getByRole('button', { name: 'Remove day 90' }));
    await user.type(within(defaults).getByLabelText('Add a day'), '7{Enter}');
    expect(listItemTexts(defaults)).toEqual(['Day 3', 'Day 7', 'Day 30']);
    await user.click(within(form).getByRole('button', { name: 'Save check-ins' }));
    await waitFor(() => expect(bridge.callsTo('care.cadence.set')).toHaveLength(1));
    expect(bridge.callsTo('care.cadence.set')[0]).toEqual({ defaultDays: [3, 7, 30], products: [], segments: [] });
    expect(await screen.findByText('Check-in days saved')).toBeTruthy();
  });

  it('refuses a day that is not a whole number, or one already there, with the schema’s words', async () => {
    const { user, form } = await careForm('Check-ins after a won sale');
    const defaults = within(form).getByRole('group', { name: 'Default' });
    const add = within(defaults).getByLabelText('Add a day');
    await user.type(add, '30{Enter}');
    expect(add.getAttribute('aria-invalid')).toBe('true');
    expect(errorOf(add)).toBe('Days go from 0 to 3650, each once, at most 12');
    await user.clear(add);
    expect(add.getAttribute('aria-invalid')).toBeNull();
    await user.type(add, '4.5{Enter}');
    expect(errorOf(add)).toBe('Days go from 0 to 3650, each once, at most 12');
    expect(within(defaults).getAllByRole('listitem')).toHaveLength(3);
  });

  it('says the same in Italian', async () => {
    const { user, form } = await careForm('Check-in dopo una vendita vinta', {}, 'it');
    const add = within(within(form).getByRole('group', { name: 'Predefiniti' })).getByLabelText('Aggiungi un giorno');
    await user.type(add, 'tre{Enter}');
    expect(errorOf(add)).toBe('I giorni vanno da 0 a 3650, ciascuno una volta sola, al massimo 12');
    expect(within(form).getByText(/Valgono prima i giorni del segmento del cliente/)).toBeTruthy();
  });

  it('adds product and segment overrides, and marks a product named twice', async () => {
    const { user, bridge, form } = await careForm('Check-ins after a won sale', {
      'care.cadence.set': () => {
        throw new Error('not reached');
      },
    });
    await user.click(within(form).getByRole('button', { name: 'For a product' }));
    await user.click(within(form).getByRole('button', { name: 'For a product' }));
    const products = within(form).getAllByRole('combobox', { name: 'Product' });
    expect(products.map((select) => (select as HTMLSelectElement).value)).toEqual(['1', '2']);
    await user.selectOptions(products[1]!, '1');
    await user.click(within(form).getByRole('button', { name: 'For a segment' }));
    expect((within(form).getByRole('combobox', { name: 'Segment' }) as HTMLSelectElement).value).toBe('Enterprise');
    await user.click(within(form).getByRole('button', { name: 'Save check-ins' }));
    expect(products[1]!.getAttribute('aria-invalid')).toBe('true');
    expect(within(form).getByText('There is already a rule for this')).toBeTruthy();
    expect(bridge.callsTo('care.cadence.set')).toEqual([]);

    await user.selectOptions(products[1]!, '2');
    const customProject = within(form).getByRole('group', { name: 'Days for product Custom project' });
    await user.click(within(customProject).getByRole('button', { name: 'Remove day 3' }));
    await user.click(within(form).getByRole('button', { name: 'Save check-ins' }));
    await waitFor(() => expect(bridge.callsTo('care.cadence.set')).toHaveLength(1));
    expect(bridge.callsTo('care.cadence.set')[0]).toEqual({
      defaultDays: [3, 30, 90],
      products: [
        { productId: 1, days: [3, 30, 90] },
        { productId: 2, days: [30, 90] },
      ],
      segments: [{ segment: 'Enterprise', days: [3, 30, 90] }],
    });
  });
});

describe('care settings: stay in touch', () => {
  const rules: ContactRule[] = [
    { scope: 'segment', value: 'SMB', customerId: null, customerName: null, idealDays: 45, maxDays: 90 },
    { scope: 'default', value: null, customerId: null, customerName: null, idealDays: 30, maxDays: 60 },
  ];

  it('shows the rules in the order they apply, checks them, and saves them whole', async () => {
    const { user, bridge, form } = await careForm('Stay in touch', {
      'care.contactRules.get': () => rules,
      'care.contactRules.set': ({ rules: saved }) =>
        saved.map((rule) => ({ ...rule, customerName: rule.customerId ? 'Giulia Bianchi' : null })),
    });
    expect(
      within(form).getByText(
        "A customer's own rule comes first, then a rule for one of their tags (the strictest when several match), then their segment's, then the default.",
      ),
    ).toBeTruthy();
    const rows = within(form).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell')[0]!.textContent)).toEqual([
      'SegmentSMBEnterprise',
      'Everyone else',
    ]);

    await user.click(within(form).getByRole('button', { name: 'For a tag' }));
    const max = within(form).getByLabelText('Maximum days for Everyone else');
    await user.clear(max);
    await user.type(max, '20');
    await user.click(within(form).getByRole('button', { name: 'Save stay-in-touch rules' }));
    expect(errorOf(max)).toBe("The maximum can't be shorter than the ideal");
    const tag = within(form).getByLabelText('Tag');
    expect(errorOf(tag)).toBe('This field is required');
    expect(bridge.callsTo('care.contactRules.set')).toEqual([]);

    await user.clear(max);
    await user.type(max, '75');
    await user.type(tag, 'vip');
    await user.clear(within(form).getByLabelText('Ideal days for Tag vip'));
    await user.type(within(form).getByLabelText('Ideal days for Tag vip'), '14');
    await user.click(within(form).getByRole('button', { name: 'Save stay-in-touch rules' }));
    await waitFor(() => expect(bridge.callsTo('care.contactRules.set')).toHaveLength(1));
    expect(bridge.callsTo('care.contactRules.set')[0]).toEqual({
      rules: [
        { scope: 'tag', value: 'vip', customerId: null, idealDays: 14, maxDays: 60 },
        { scope: 'segment', value: 'SMB', customerId: null, idealDays: 45, maxDays: 90 },
        { scope: 'default', value: null, customerId: null, idealDays: 30, maxDays: 75 },
      ],
    });
    expect(await screen.findByText('Stay-in-touch rules saved')).toBeTruthy();
  });

  it('starts from no rule at all, and shows the backend refusing a customer on that customer’s row', async () => {
    const { user, form } = await careForm('Stay in touch', {
      'care.contactRules.set': fails('invalid_input', 'A contact rule names a customer that does not exist.', [
        { path: 'rules.0.customerId', message: 'errors.unknownCustomer' },
      ]),
    });
    expect(within(form).getByText(/No rules yet: nobody is reminded to stay in touch/)).toBeTruthy();
    await user.click(within(form).getByRole('button', { name: 'Default rule' }));
    expect(within(form).queryByRole('button', { name: 'Default rule' })).toBeNull();
    await user.click(within(form).getByRole('button', { name: 'For a customer' }));
    await user.click(within(form).getByRole('button', { name: 'Save stay-in-touch rules' }));
    const picker = within(form).getByLabelText('Customer');
    expect(errorOf(picker)).toBe('Choose a customer');

    await user.type(picker, 'Giu');
    await user.click(await within(form).findByRole('option', { name: /Giulia Bianchi/ }));
    await user.click(within(form).getByRole('button', { name: 'Save stay-in-touch rules' }));
    // The customer's rule is shown (and sent) first, as it applies first: "rules.0" is its row.
    await waitFor(() => expect(errorOf(picker)).toBe('This customer no longer exists'));
    expect(within(form).getByRole('alert').textContent).toContain(
      'A contact rule names a customer that does not exist.',
    );
  });

  it('keeps the rest of Settings working when the care settings cannot be read', async () => {
    renderApp(
      { ...base, 'care.cadence.get': fails('internal', 'care.cadence.get is not available yet.') },
      { route: '/settings' },
    );
    const section = await screen.findByRole('region', { name: 'Customer care' });
    expect(await within(section).findByText(/Couldn't load the care settings\./)).toBeTruthy();
    expect(within(section).getByRole('button', { name: 'Try again' })).toBeTruthy();
    expect(screen.getByLabelText('Language')).toBeTruthy();
  });
});
