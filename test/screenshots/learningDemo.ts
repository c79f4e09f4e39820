import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src-main/db/connection';
import { createHandlers } from '../../src-main/ipc/assemble';
import { api, type Channel, type Input, type Output, type ParsedInput } from '../../src-main/shared/api';
import { addDays } from '../../src-main/shared/dates';

/**
 * The learning scenes' data for the screenshots (test/renderer/screenshots/shoot.mjs), made by
 * the real backend: a small book of customers and won sales, library items finished, planned
 * and with action items, learning sessions and takeaways, and goals on the learning metrics
 * beside a revenue goal, all written through the handlers (action items, which only the notes
 * reader writes, straight into SQLite) and read back as the screens ask for them on Monday
 * 15 June 2026. The demo bridge hands these replies over as they are.
 */
export const LEARNING_DAY = '2026-06-15';

export interface LearningReplies {
  goalsList: Output<'goals.list'>;
  timeline: Output<'goals.timeline'>;
  /** goals.get by goal id. */
  goals: Record<number, Output<'goals.get'>>;
  followUps: Output<'care.followups.list'>;
  count: Output<'care.followups.count'>;
}

const WORDS = {
  en: {
    customers: ['Giulia Bianchi', 'Marco Rossi', 'Ottica Verdi', 'Paolo Galli', 'Sara Conti', 'Luca Neri'],
    sale: 'LED panel kit',
    goals: {
      books: 'Finish 12 books this year',
      minutes: '30 minutes of training a week',
      takeaways: 'Try 6 takeaways this quarter',
      revenue: 'Quarterly revenue',
      halfway: 'Half of them by the summer',
    },
    finished: [
      'The Quiet Close',
      'Questions That Sell',
      'The Referral Habit',
      'Listening for a Living',
      'Follow-up Without Fear',
      'Small Accounts, Big Wins',
    ],
    planned: ['Objections, Answered', 'Pricing with Confidence', 'The Renewal Playbook'],
    summit: 'Negotiation Summit 2026',
    workshop: 'Discovery Calls Workshop',
    actions: [
      'Send Marco the revised offer with the walk-away number',
      'Practise the summary close on two calls',
      'Write down three questions to open a renewal',
    ],
    takeaway: 'Ask what happens if nothing changes',
  },
  it: {
    customers: ['Giulia Bianchi', 'Marco Rossi', 'Ottica Verdi', 'Paolo Galli', 'Sara Conti', 'Luca Neri'],
    sale: 'Kit pannelli LED',
    goals: {
      books: 'Finire 12 libri quest’anno',
      minutes: '30 minuti di formazione a settimana',
      takeaways: 'Provare 6 spunti nel trimestre',
      revenue: 'Fatturato del trimestre',
      halfway: 'Metà entro l’estate',
    },
    finished: [
      'La chiusura silenziosa',
      'Domande che vendono',
      'L’abitudine delle referenze',
      'Ascoltare per mestiere',
      'Richiamare senza paura',
      'Piccoli clienti, grandi risultati',
    ],
    planned: ['Obiezioni, risposte', 'Prezzi senza paura', 'Il manuale dei rinnovi'],
    summit: 'Summit della trattativa 2026',
    workshop: 'Workshop sulle telefonate di scoperta',
    actions: [
      'Mandare a Marco l’offerta rivista con il prezzo minimo',
      'Provare la chiusura riassuntiva in due telefonate',
      'Scrivere tre domande per aprire un rinnovo',
    ],
    takeaway: 'Chiedere cosa succede se non cambia nulla',
  },
} as const;

/** A deterministic pseudo-random sequence: every run draws the same pictures. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

const weekday = (day: string): number => new Date(`${day}T00:00:00Z`).getUTCDay();

export async function learningReplies(language: 'en' | 'it'): Promise<LearningReplies> {
  const w = WORDS[language];
  const dir = mkdtempSync(join(tmpdir(), 'rapport-learning-demo-'));
  const now = new Date(`${LEARNING_DAY}T10:00:00`);
  const store = await openDatabase(join(dir, 'demo.sqlite'), { now: () => now });
  try {
    const handlers = createHandlers(store, { now: () => now, version: 'demo', platform: 'linux' });
    const call = async <C extends Channel>(channel: C, input?: Input<C>): Promise<Output<C>> => {
      const handler = handlers[channel] as (input: ParsedInput<C>) => Promise<Output<C>>;
      return handler(api[channel].input.parse(input) as ParsedInput<C>);
    };
    const rnd = random(11);
    await call('settings.update', { language, onboarded: true });

    // A few customers with won sales this quarter: the revenue goal, and their check-ins.
    await call('care.contactRules.set', { rules: [{ scope: 'default', idealDays: 30, maxDays: 60 }] });
    const customers = [];
    for (const name of w.customers) customers.push(await call('customers.create', { name }));
    for (let day = '2026-04-01'; day <= LEARNING_DAY; day = addDays(day, 1)) {
      if ([0, 6].includes(weekday(day)) || rnd() > 0.32) continue;
      const customer = customers[Math.floor(rnd() * customers.length)]!;
      await call('sales.create', {
        title: w.sale,
        customerId: customer.id,
        amountMinor: Math.round(120_000 + rnd() * 280_000),
        currency: 'EUR',
        status: 'won',
        openedOn: day,
        closedOn: day,
      });
    }

    // The library: books finished this year, the plan ahead, two seminars with action items.
    const finishedOn = ['2026-01-25', '2026-02-19', '2026-03-16', '2026-04-27', '2026-05-21', '2026-06-05'];
    const finished = [];
    for (const [i, title] of w.finished.entries())
      finished.push(
        await call('library.create', {
          kind: i % 3 === 2 ? 'audiobook' : 'book',
          title,
          status: 'done',
          startedOn: addDays(finishedOn[i]!, -20),
          finishedOn: finishedOn[i]!,
          // The first four were on the plan for the quarter: one finished after its day.
          plannedOn: i >= 3 ? addDays(finishedOn[i]!, i === 4 ? -3 : 2) : null,
        }),
      );
    const [objections, pricing, renewal] = w.planned;
    await call('library.create', {
      kind: 'audiobook',
      title: objections,
      status: 'in_progress',
      plannedOn: '2026-05-29',
    });
    await call('library.create', { kind: 'ebook', title: pricing, status: 'want', plannedOn: '2026-06-26' });
    await call('library.create', { kind: 'book', title: renewal, status: 'want', plannedOn: '2026-09-15' });
    const summit = await call('library.create', {
      kind: 'seminar',
      title: w.summit,
      status: 'done',
      heldOn: '2026-06-05',
      finishedOn: '2026-06-05',
      plannedOn: '2026-06-05',
    });
    const workshop = await call('library.create', { kind: 'seminar', title: w.workshop, status: 'in_progress' });
    const action = store.sqlite.prepare(
      `INSERT INTO library_actions (item_id, position, text, due_on, created_at) VALUES (?, ?, ?, ?, ?)`,
    );
    action.run(summit.id, 0, w.actions[0], '2026-06-12', now.toISOString());
    action.run(summit.id, 1, w.actions[1], LEARNING_DAY, now.toISOString());
    action.run(workshop.id, 0, w.actions[2], '2026-06-19', now.toISOString());

    // Time spent learning, most days a little, and takeaways tried on sales now and then.
    const reading = finished[finished.length - 1]!.id;
    for (let day = '2026-03-02'; day <= LEARNING_DAY; day = addDays(day, 1)) {
      const weekend = [0, 6].includes(weekday(day));
      if (rnd() > (weekend ? 0.4 : 0.55)) continue;
      const minutes = Math.round((weekend ? 12 : 4) + rnd() * (weekend ? 30 : 14));
      await call('library.progress', { id: reading, on: day, minutes });
    }
    // This morning's chapter, before work.
    await call('library.progress', { id: reading, on: LEARNING_DAY, minutes: 12 });
    for (const triedOn of ['2026-04-09', '2026-04-30', '2026-05-14', '2026-06-11'])
      await call('library.takeawaySave', { itemId: finished[1]!.id, text: w.takeaway, triedOn });

    const quarter = { kind: 'fixed', from: '2026-04-01', to: '2026-06-30' } as const;
    const books = await call('goals.create', {
      title: w.goals.books,
      metric: 'items_finished',
      target: 12,
      period: { kind: 'fixed', from: '2026-01-01', to: '2026-12-31' },
      milestones: [{ kind: 'target', title: w.goals.halfway, date: '2026-06-30', target: 6 }],
    });
    const minutes = await call('goals.create', {
      title: w.goals.minutes,
      metric: 'learning_minutes',
      target: 30,
      period: { kind: 'recurring', every: 'weekly', since: '2026-03-02' },
    });
    await call('goals.create', { title: w.goals.takeaways, metric: 'takeaways_tried', target: 6, period: quarter });
    await call('goals.create', { title: w.goals.revenue, metric: 'revenue', target: 6_000_000, period: quarter });

    const asOf = LEARNING_DAY;
    return {
      goalsList: await call('goals.list', { asOf }),
      timeline: await call('goals.timeline', { date: asOf, zoom: 'quarter' }),
      goals: {
        [books.id]: await call('goals.get', { id: books.id, asOf }),
        [minutes.id]: await call('goals.get', { id: minutes.id, asOf }),
      },
      followUps: await call('care.followups.list', { asOf, limit: 50 }),
      count: await call('care.followups.count', { asOf }),
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
