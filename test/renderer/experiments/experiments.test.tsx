// @vitest-environment jsdom
import { act, render, screen, waitFor, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { Experiment } from '../../../src-main/features/experiments/contract';
import { ApiProvider } from '../../../src-renderer/src/api/ApiProvider';
import { createApiClient } from '../../../src-renderer/src/api/client';
import { RunningExperiments } from '../../../src-renderer/src/features/experiments/RunningExperiments';
import { createI18n } from '../../../src-renderer/src/i18n';
import { CATALOGUES } from '../../../src-main/shared/locales';
import { createFakeBridge, fails, type FakeHandlers } from '../fakeApi';
import { techniqueFixture, TECHNIQUES } from '../fixtures';
import { entryFixture } from '../journal/fixtures';
import { fixToday, renderApp } from '../renderApp';
import { BY_DATE, COMPLETE, CONCLUDED, experimentFixture } from './fixtures';

fixToday(new Date(2026, 2, 16, 10, 0));

const RUNNING = experimentFixture();

function handlers(list: Experiment[] = [RUNNING, BY_DATE, COMPLETE, CONCLUDED]): FakeHandlers {
  return {
    'experiments.list': () => list,
    'techniques.list': () => [...TECHNIQUES, techniqueFixture(9, 'Cold email', { retired: true })],
    'customers.facets': () => ({ segments: ['Enterprise', 'SMB'], regions: [], industries: [] }),
    'care.followups.count': () => ({ asOf: '2026-03-16', overdue: 0, today: 0, due: 0 }),
    'journal.get': ({ id }) =>
      entryFixture({
        id,
        title: 'Experiment: Trial close',
        sale: null,
        learned: 'Asking early surfaces the real objection',
        experimentId: 3,
      }),
  };
}

const open = (extra: FakeHandlers = {}, list?: Experiment[]) =>
  renderApp({ ...handlers(list), ...extra }, { route: '/journal/experiments' });

const card = (technique: string): HTMLElement => screen.getByRole('article', { name: technique });

async function openNew(extra: FakeHandlers = {}) {
  const app = open(extra);
  await screen.findByRole('article', { name: 'Feel-felt-found' });
  await app.user.click(screen.getAllByRole('button', { name: 'New experiment' })[0]!);
  return { ...app, dialog: await screen.findByRole('dialog', { name: 'New experiment' }) };
}

const errorOf = (control: HTMLElement): string | null | undefined =>
  document.getElementById(control.getAttribute('aria-describedby')?.split(' ')[0] ?? '')?.textContent;

describe('the experiments list', () => {
  it('shows running ones first, then those to conclude, then the concluded', async () => {
    open();
    await screen.findByRole('article', { name: 'Feel-felt-found' });
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual([
      'Running2',
      'Ready for a conclusion1',
      'Concluded1',
    ]);
    const running = within(screen.getByRole('region', { name: /Running/ }));
    expect(running.getAllByRole('article').map((a) => a.querySelector('h3')?.textContent)).toEqual([
      'Feel-felt-found',
      'Referral ask',
    ]);
  });

  it('says each one’s progress, stop rule and segment in words', async () => {
    open();
    await screen.findByRole('article', { name: 'Feel-felt-found' });
    const fff = card('Feel-felt-found');
    expect(fff.textContent).toContain('6 of 10 deals');
    expect(fff.textContent).toContain('StopsAfter 10 closed deals');
    expect(fff.textContent).toContain('SegmentAll segments');
    expect(fff.textContent).toContain('Started2 Feb 2026');
    const referral = card('Referral ask');
    expect(referral.textContent).toContain('12 days left · 0 closed so far');
    expect(referral.textContent).toContain('StopsOn 28 Mar 2026');
    expect(referral.textContent).toContain('SegmentSMB');
    expect(card('Trial close').textContent).toContain('Finished · 12 deals counted');
    // A concluded one has no bar: it says when it ended and links to its conclusion.
    expect(card('SPIN questions').textContent).toContain('Ended31 Dec 2025');
    expect(within(card('SPIN questions')).getByRole('button', { name: 'Read the conclusion' })).toBeTruthy();
  });

  it('states the result against the baseline with its uncertainty, and “not enough data” when so', async () => {
    open();
    await screen.findByRole('article', { name: 'Feel-felt-found' });
    expect(card('Feel-felt-found').querySelector('.xp-result')?.textContent).toBe(
      'Feel-felt-found: won 4 of 6 so far (67%, likely between 30% and 90%); without it 42%. Not enough data yet to say whether it beats your usual rate.',
    );
    expect(card('Referral ask').querySelector('.xp-result')?.textContent).toBe('No closed deals with it yet.');
    expect(card('Trial close').querySelector('.xp-result')?.textContent).toBe(
      'Trial close: won 8 of 12 (67%, likely between 39% and 86%); without it 45%. About 91% likely to be better for you.',
    );
  });

  it('has an empty state with a way to start one', async () => {
    open({}, []);
    expect(await screen.findByRole('heading', { name: 'No experiments yet' })).toBeTruthy();
    expect(screen.getAllByRole('button', { name: 'New experiment' })).toHaveLength(2);
  });
});

describe('a new experiment', () => {
  it('offers active techniques only, refuses what the schema refuses field by field, and sends nothing then', async () => {
    const { dialog, user, bridge } = await openNew();
    const d = within(dialog);
    const technique = d.getByRole('combobox', { name: 'Technique' });
    expect(
      within(technique)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Choose a technique…', 'SPIN questions', 'Trial close']);
    await user.clear(d.getByLabelText('Closed deals with it'));
    await user.click(screen.getByRole('button', { name: 'Start experiment' }));
    expect(errorOf(technique)).toBe('This field is required');
    expect(errorOf(d.getByLabelText('Hypothesis'))).toBe('This field is required');
    expect(errorOf(d.getByLabelText('Closed deals with it'))).toBe('This field is required');
    await user.type(d.getByLabelText('Closed deals with it'), '2.5');
    expect(errorOf(d.getByLabelText('Closed deals with it'))).toBe('Enter a whole number');
    expect(bridge.callsTo('experiments.create')).toEqual([]);
  });

  it('sends the experiment as the contract has it', async () => {
    const { dialog, user, bridge } = await openNew({ 'experiments.create': () => experimentFixture({ id: 9 }) });
    const d = within(dialog);
    await user.selectOptions(d.getByRole('combobox', { name: 'Technique' }), 'SPIN questions');
    await user.type(d.getByLabelText('Hypothesis'), 'SPIN questions win more first meetings');
    await user.clear(d.getByLabelText('Closed deals with it'));
    await user.type(d.getByLabelText('Closed deals with it'), '8');
    await user.selectOptions(d.getByRole('combobox', { name: /Segment/ }), 'SMB');
    await user.click(screen.getByRole('button', { name: 'Start experiment' }));
    await waitFor(() => expect(bridge.callsTo('experiments.create')).toHaveLength(1));
    expect(bridge.callsTo('experiments.create')[0]).toEqual({
      techniqueId: 1,
      hypothesis: 'SPIN questions win more first meetings',
      startedOn: '2026-03-16',
      stop: { kind: 'deals', deals: 8 },
      segment: 'SMB',
    });
    expect(await screen.findByText('Experiment started')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('stops on a date when asked, and shows the API’s refusal on its field', async () => {
    const { dialog, user, bridge } = await openNew({
      'experiments.create': fails('invalid_input', 'Invalid input', [
        { path: 'techniqueId', message: 'errors.unknownTechnique' },
      ]),
    });
    const d = within(dialog);
    await user.selectOptions(d.getByRole('combobox', { name: 'Technique' }), 'Trial close');
    await user.type(d.getByLabelText('Hypothesis'), 'Four weeks of trial closes');
    await user.click(d.getByRole('radio', { name: 'On a date' }));
    await user.type(d.getByLabelText('Ends on'), '13/04/2026');
    await user.click(screen.getByRole('button', { name: 'Start experiment' }));
    await waitFor(() => expect(bridge.callsTo('experiments.create')).toHaveLength(1));
    expect(bridge.callsTo('experiments.create')[0]).toMatchObject({
      techniqueId: 2,
      stop: { kind: 'date', on: '2026-04-13' },
      segment: null,
    });
    await waitFor(() =>
      expect(errorOf(d.getByRole('combobox', { name: 'Technique' }))).toBe('This technique no longer exists'),
    );
    expect(screen.getByRole('dialog', { name: 'New experiment' })).toBeTruthy();
  });

  it('asks before throwing away a changed form on Escape, and closes an untouched one at once', async () => {
    const { dialog, user } = await openNew();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();

    await user.click(screen.getAllByRole('button', { name: 'New experiment' })[0]!);
    const again = await screen.findByRole('dialog', { name: 'New experiment' });
    expect(again).not.toBe(dialog);
    await user.type(within(again).getByLabelText('Hypothesis'), 'Half a thought');
    await user.keyboard('{Escape}');
    const ask = screen.getByRole('alertdialog', { name: 'Discard your changes?' });
    await user.click(within(ask).getByRole('button', { name: 'Keep editing' }));
    expect((within(again).getByLabelText('Hypothesis') as HTMLTextAreaElement).value).toBe('Half a thought');
    await user.keyboard('{Escape}');
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Discard' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});

describe('concluding an experiment', () => {
  it('writes the conclusion through experiments.conclude, then links to the journal entry it became', async () => {
    const { user, bridge } = open({
      'experiments.conclude': ({ id }) => ({
        experiment: { ...COMPLETE, id, status: 'concluded', endedOn: '2026-03-10', conclusionEntryId: 41 },
        entryId: 41,
      }),
    });
    await screen.findByRole('article', { name: 'Trial close' });
    // Only the complete one offers it.
    expect(within(card('Feel-felt-found')).queryByRole('button', { name: 'Write the conclusion' })).toBeNull();
    await user.click(within(card('Trial close')).getByRole('button', { name: 'Write the conclusion' }));
    const dialog = await screen.findByRole('dialog', { name: 'Conclusion: Trial close' });
    const d = within(dialog);
    expect((d.getByLabelText('Ended on') as HTMLInputElement).value).toBe('10/03/2026');

    await user.click(screen.getByRole('button', { name: 'Write to journal' }));
    expect(errorOf(d.getByLabelText('What I learned'))).toBe('This field is required');
    expect(bridge.callsTo('experiments.conclude')).toEqual([]);

    await user.click(d.getByRole('radio', { name: 'Worked' }));
    await user.type(d.getByLabelText('What I learned'), 'Asking early surfaces the real objection');
    await user.type(d.getByLabelText(/Next time/), 'Ask before the demo');
    await user.click(screen.getByRole('button', { name: 'Write to journal' }));
    await waitFor(() => expect(bridge.callsTo('experiments.conclude')).toHaveLength(1));
    expect(bridge.callsTo('experiments.conclude')[0]).toEqual({
      id: 3,
      outcome: 'worked',
      learned: 'Asking early surfaces the real objection',
      nextTime: 'Ask before the demo',
      endedOn: '2026-03-10',
    });
    const done = await d.findByRole('status');
    expect(done.textContent).toContain('Your conclusion is in the journal.');
    // Written: the entry it became opens from here, and closing asks nothing.
    await user.click(within(done).getByRole('button', { name: 'Open the entry' }));
    const entry = await screen.findByRole('dialog', { name: 'Experiment: Trial close' });
    expect(bridge.callsTo('journal.get').at(-1)).toEqual({ id: 41 });
    expect(entry.textContent).toContain('Asking early surfaces the real objection');
    expect(screen.queryByRole('dialog', { name: 'Conclusion: Trial close' })).toBeNull();
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('opens a concluded experiment’s conclusion in the journal', async () => {
    const { user, bridge } = open();
    await screen.findByRole('article', { name: 'SPIN questions' });
    await user.click(within(card('SPIN questions')).getByRole('button', { name: 'Read the conclusion' }));
    await screen.findByRole('dialog', { name: 'Experiment: Trial close' });
    expect(bridge.callsTo('journal.get').at(-1)).toEqual({ id: 40 });
  });
});

describe('deleting an experiment', () => {
  it('asks first, then deletes it', async () => {
    const { user, bridge } = open({ 'experiments.delete': ({ id }) => ({ id }) });
    await screen.findByRole('article', { name: 'Feel-felt-found' });
    await user.click(screen.getByRole('button', { name: 'Delete the Feel-felt-found experiment' }));
    const ask = screen.getByRole('alertdialog', { name: 'Delete this experiment?' });
    expect(ask.textContent).toContain('The experiment on Feel-felt-found goes. Its sales stay as they are.');
    await user.click(within(ask).getByRole('button', { name: 'Cancel' }));
    expect(bridge.callsTo('experiments.delete')).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Delete the Feel-felt-found experiment' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(bridge.callsTo('experiments.delete')).toEqual([{ id: 1 }]));
    expect(await screen.findByText('Experiment deleted')).toBeTruthy();
  });
});

describe('running experiments at the top of the journal', () => {
  const mount = (list: Experiment[]) => {
    const bridge = createFakeBridge({ 'experiments.list': () => list });
    const rendered = render(
      <MemoryRouter>
        <I18nextProvider i18n={createI18n('en', CATALOGUES)}>
          <ApiProvider client={createApiClient(bridge)}>
            <RunningExperiments />
          </ApiProvider>
        </I18nextProvider>
      </MemoryRouter>,
    );
    return { ...rendered, bridge };
  };

  it('lists those not yet concluded with their progress, and a way to conclude the complete one', async () => {
    mount([RUNNING, BY_DATE, COMPLETE, CONCLUDED]);
    const strip = await screen.findByRole('region', { name: '3 experiments under way' });
    expect(
      within(strip)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([
      'Feel-felt-found6 of 10 deals',
      'Referral ask12 days left · 0 closed so far',
      'Trial closeFinished · 12 deals countedWrite the conclusion',
    ]);
    expect(within(strip).getByRole('link', { name: 'All experiments' }).getAttribute('href')).toBe(
      '/journal/experiments',
    );
  });

  it('shows nothing when none is under way', async () => {
    const { container, bridge } = mount([CONCLUDED]);
    // Not "nothing after 20 ms" (a slow machine would pass it before the list even came back):
    // nothing once the list has been answered and rendered.
    await act(() => bridge.idle());
    expect(bridge.callsTo('experiments.list')).toHaveLength(1);
    expect(container.textContent).toBe('');
  });
});
