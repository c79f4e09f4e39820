// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { StarterTechnique, Technique } from '../../../src-main/features/techniques/contract';
import type { FakeHandlers } from '../fakeApi';
import { techniqueFixture } from '../fixtures';
import { fixToday, renderApp } from '../renderApp';

fixToday(new Date(2026, 2, 16, 10, 0));

const CATALOGUE: Technique[] = [
  techniqueFixture(1, 'SPIN questions', {
    category: 'discovery',
    description: 'Situation, problem, implication, need-payoff.',
    steps: ['Ask about the situation', 'Find the problem'],
    source: 'Neil Rackham',
    sales: 12,
    entries: 4,
  }),
  techniqueFixture(2, 'Spin questions (old)', { category: 'discovery', sales: 3, entries: 2 }),
  techniqueFixture(3, 'Assumptive close', { category: 'closing', sales: 1, entries: 0 }),
  techniqueFixture(4, 'Cold fax', { category: 'prospecting', retired: true, sales: 5 }),
];

const base: FakeHandlers = {
  'techniques.list': () => CATALOGUE,
  'care.followups.count': () => ({ asOf: '2026-03-16', overdue: 0, today: 0, due: 0 }),
};

describe('the technique catalogue', () => {
  it('groups techniques by category with their description, steps, source and use; retired apart', async () => {
    renderApp(base, { route: '/journal/techniques' });
    const discovery = await screen.findByRole('region', { name: /Discovery and questions/ });
    const spin = within(discovery).getByRole('article', { name: 'SPIN questions' });
    expect(within(spin).getByText('Situation, problem, implication, need-payoff.')).toBeTruthy();
    expect(
      within(spin)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Ask about the situation', 'Find the problem']);
    expect(within(spin).getByText('Source: Neil Rackham')).toBeTruthy();
    expect(spin.textContent).toContain('12 sales · 4 journal entries');
    expect(
      within(screen.getByRole('region', { name: /Closing/ })).getByText('1 sale · 0 journal entries'),
    ).toBeTruthy();
    const retired = screen.getByRole('region', { name: /Retired/ });
    expect(within(retired).getByRole('article', { name: 'Cold fax' })).toBeTruthy();
    expect(screen.queryByRole('region', { name: /Prospecting/ })).toBeNull();
    // The area's tabs.
    expect(screen.getByRole('link', { name: 'Techniques' }).getAttribute('aria-current')).toBe('page');
  });

  it('merges a technique into the chosen survivor, saying first what will move', async () => {
    const { user, bridge } = renderApp(
      {
        ...base,
        'techniques.merge': ({ into }) => ({
          survivor: { ...CATALOGUE.find((t) => t.id === into)!, sales: 15, entries: 6 },
          salesMoved: 3,
          entriesMoved: 2,
        }),
      },
      { route: '/journal/techniques' },
    );
    await user.click(await screen.findByRole('button', { name: 'Actions for Spin questions (old)' }));
    await user.click(screen.getByRole('menuitem', { name: 'Merge into…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Merge “Spin questions (old)”' });
    const merge = within(dialog).getByRole('button', { name: 'Merge' });
    expect((merge as HTMLButtonElement).disabled).toBe(true);
    await user.selectOptions(within(dialog).getByLabelText('Merge into'), 'SPIN questions');
    expect(within(dialog).getByRole('status').textContent).toBe(
      '3 sales and 2 journal entries will move from “Spin questions (old)” to “SPIN questions”, and “Spin questions (old)” will go. The merge is recorded.',
    );
    await user.click(merge);
    await waitFor(() => expect(bridge.callsTo('techniques.merge')).toEqual([{ from: 2, into: 1 }]));
    expect(await screen.findByText('Merged into “SPIN questions”: moved 3 sales and 2 journal entries')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('renames a technique and retires another', async () => {
    const { user, bridge } = renderApp(
      {
        ...base,
        'techniques.update': ({ id, ...input }) => ({ ...CATALOGUE.find((t) => t.id === id)!, ...input }),
        'techniques.retire': ({ id, retired }) => ({ ...CATALOGUE.find((t) => t.id === id)!, retired }),
      },
      { route: '/journal/techniques' },
    );
    await user.click(await screen.findByRole('button', { name: 'Actions for Assumptive close' }));
    await user.click(screen.getByRole('menuitem', { name: 'Edit or rename' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit technique' });
    const name = within(dialog).getByLabelText('Name');
    await user.clear(name);
    await user.type(name, 'Assumptive close (soft)');
    expect(within(dialog).getByText('The new name shows on the 1 sale or entry that uses it.')).toBeTruthy();
    await user.type(within(dialog).getByLabelText(/^Steps/), 'Talk about delivery{Enter}Ask which day suits');
    await user.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await waitFor(() =>
      expect(bridge.callsTo('techniques.update')).toEqual([
        {
          id: 3,
          name: 'Assumptive close (soft)',
          category: 'closing',
          description: null,
          steps: ['Talk about delivery', 'Ask which day suits'],
          source: null,
        },
      ]),
    );

    await user.click(screen.getByRole('button', { name: 'Actions for Cold fax' }));
    await user.click(screen.getByRole('menuitem', { name: 'Restore' }));
    await waitFor(() => expect(bridge.callsTo('techniques.retire')).toEqual([{ id: 4, retired: false }]));
  });
});

describe('the starter set', () => {
  const STARTER: StarterTechnique[] = [
    {
      key: 'spin',
      name: 'SPIN questions',
      category: 'discovery',
      description: 'Ask four kinds of question.',
      added: true,
    },
    {
      key: 'feel_felt_found',
      name: 'Feel-felt-found',
      category: 'objections',
      description: 'Agree, share, reframe.',
      added: false,
    },
    {
      key: 'referral_ask',
      name: 'Referral ask',
      category: 'follow_up',
      description: 'Ask for two names.',
      added: false,
    },
  ];

  it('is offered on an empty catalogue; those already added are ticked and fixed; the chosen are added', async () => {
    const { user, bridge } = renderApp(
      {
        ...base,
        'techniques.list': () => [],
        'techniques.starter': () => STARTER,
        'techniques.addStarter': ({ keys }) =>
          keys.map((key, i) => techniqueFixture(10 + i, STARTER.find((s) => s.key === key)!.name)),
      },
      { route: '/journal/techniques' },
    );
    expect(await screen.findByRole('heading', { level: 2, name: 'No techniques yet' })).toBeTruthy();
    await user.click(screen.getAllByRole('button', { name: 'Add starter techniques' }).at(-1)!);
    const dialog = await screen.findByRole('dialog', { name: 'Starter techniques' });
    const spin = await within(dialog).findByRole('checkbox', { name: /SPIN questions/ });
    expect((spin as HTMLInputElement).checked).toBe(true);
    expect((spin as HTMLInputElement).disabled).toBe(true);
    expect(within(dialog).getByText('Agree, share, reframe.')).toBeTruthy();
    await user.click(within(dialog).getByRole('checkbox', { name: /Feel-felt-found/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Add 1 technique' }));
    await waitFor(() => expect(bridge.callsTo('techniques.addStarter')).toEqual([{ keys: ['feel_felt_found'] }]));
    expect(await screen.findByText('1 technique added')).toBeTruthy();
  });
});
