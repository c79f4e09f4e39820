import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { SampleContext, SampleText } from '../../kernel/sampleContext';
import { dayNumberToIso } from '../../shared/dates';
import type { SampleTechnique } from '../techniques';
import type { HighlightKind, LibraryKind, LibraryStatus, PersonRole } from './contract';
import { insertItemAsync } from './items';
import { insertActions } from './repository';

/**
 * The sample seller's learning library: a few books, an audiobook, a workshop recording, a
 * podcast episode, notes from a seminar and an article, with highlights, takeaways tied to
 * the sample techniques, action items and the minutes and pages of the last weeks. Titles,
 * authors and texts are made up (no real book's text). Draws nothing from the random stream:
 * dates are counted back from the sample's last day, so the rest of the sample is unchanged.
 */

interface HighlightSpec {
  kind?: HighlightKind;
  text: SampleText;
  note?: SampleText;
  page?: number;
  loc?: [number, number];
  positionS?: number;
  /** Becomes a takeaway tied to this sample technique (by English name), tried this many days before the end. */
  takeaway?: { text: SampleText; technique: string; triedDaysAgo: number | null };
}

interface ItemSpec {
  kind: LibraryKind;
  title: SampleText;
  people: { name: string; role: PersonRole }[];
  publisher?: string;
  year: number;
  pages?: number;
  durationS?: number;
  url?: string;
  tags: SampleText[];
  status: LibraryStatus;
  /** Days before the sample's last day. */
  startedDaysAgo?: number;
  finishedDaysAgo?: number;
  plannedDaysAhead?: number;
  rating?: number;
  progressPage?: number;
  progressPercent?: number;
  positionS?: number;
  summary?: SampleText;
  event?: SampleText;
  body?: SampleText;
  actions?: { text: SampleText; dueDaysAhead: number | null; done: boolean }[];
  highlights?: HighlightSpec[];
  /** Minutes (or pages, for books) on every third day of the last weeks. */
  sessions?: { weeks: number; minutes: number; pages: number };
}

const TAG = {
  discovery: { en: 'discovery', it: 'analisi' },
  closing: { en: 'closing', it: 'chiusura' },
  referrals: { en: 'referrals', it: 'referenze' },
  demo: { en: 'demo', it: 'demo' },
  negotiation: { en: 'negotiation', it: 'negoziazione' },
  habits: { en: 'habits', it: 'abitudini' },
  price: { en: 'price', it: 'prezzo' },
} satisfies Record<string, SampleText>;

const ITEMS: readonly ItemSpec[] = [
  {
    kind: 'book',
    title: { en: 'The Quiet Question', it: 'La domanda silenziosa' },
    people: [{ name: 'Elena Marchi', role: 'author' }],
    publisher: 'Ponte Editore',
    year: 2021,
    pages: 224,
    tags: [TAG.discovery],
    status: 'done',
    startedDaysAgo: 190,
    finishedDaysAgo: 160,
    rating: 5,
    progressPage: 224,
    summary: {
      en: 'Fewer, better questions. Let the customer name the cost of the problem before any offer.',
      it: 'Meno domande, ma migliori. Lascia che sia il cliente a dare un costo al problema prima di ogni offerta.',
    },
    highlights: [
      {
        page: 31,
        text: {
          en: 'A question that the customer has to think about is worth ten that they can answer at once.',
          it: 'Una domanda su cui il cliente deve riflettere vale dieci domande a cui risponde subito.',
        },
      },
      {
        page: 58,
        text: {
          en: 'Ask what happens if nothing changes in the next six months.',
          it: 'Chiedi che cosa succede se nei prossimi sei mesi non cambia niente.',
        },
        note: { en: 'Try this with the Enterprise prospects.', it: 'Da provare con i clienti della Suite Enterprise.' },
        takeaway: {
          text: {
            en: 'Ask about the cost of doing nothing before presenting',
            it: 'Chiedere quanto costa non fare nulla, prima di presentare',
          },
          technique: 'SPIN questions',
          triedDaysAgo: 150,
        },
      },
      {
        page: 102,
        text: {
          en: 'Silence after a good question is the customer working for you.',
          it: 'Il silenzio dopo una buona domanda è il cliente che lavora per te.',
        },
      },
    ],
  },
  {
    kind: 'ebook',
    title: { en: 'Referrals Without Asking Twice', it: 'Referenze senza chiedere due volte' },
    people: [{ name: 'Tom Whitaker', role: 'author' }],
    publisher: 'Northgate Press',
    year: 2022,
    tags: [TAG.referrals, TAG.habits],
    status: 'in_progress',
    startedDaysAgo: 40,
    progressPercent: 45,
    highlights: [
      {
        loc: [412, 418],
        text: {
          en: 'The best moment to ask for an introduction is right after the customer thanks you.',
          it: 'Il momento migliore per chiedere una presentazione è subito dopo che il cliente ti ha ringraziato.',
        },
        takeaway: {
          text: {
            en: 'Ask for an introduction at the check-in when they are happy',
            it: 'Chiedere una presentazione al check-in, quando il cliente è soddisfatto',
          },
          technique: 'Referral introduction',
          triedDaysAgo: 21,
        },
      },
      {
        loc: [631, 632],
        text: {
          en: 'Make the introduction easy: offer to write the email they will forward.',
          it: 'Rendi facile la presentazione: offriti di scrivere tu l’email che inoltreranno.',
        },
      },
      { kind: 'bookmark', loc: [700, 700], text: { en: '', it: '' } },
    ],
    sessions: { weeks: 6, minutes: 25, pages: 0 },
  },
  {
    kind: 'audiobook',
    title: { en: 'The Calm Close', it: 'La chiusura tranquilla' },
    people: [
      { name: 'Marco Bellini', role: 'author' },
      { name: 'Giulia Sarti', role: 'narrator' },
    ],
    year: 2020,
    durationS: 6.5 * 3600,
    tags: [TAG.closing],
    status: 'in_progress',
    startedDaysAgo: 25,
    positionS: 2 * 3600 + 14 * 60,
    highlights: [
      {
        positionS: 3720,
        text: {
          en: 'Never invent a deadline: a customer who finds out stops believing anything else you say.',
          it: 'Non inventare mai una scadenza: il cliente che se ne accorge smette di credere a tutto il resto.',
        },
      },
    ],
    sessions: { weeks: 4, minutes: 35, pages: 0 },
  },
  {
    kind: 'video',
    title: { en: 'Demos That Sell — workshop recording', it: 'Demo che vendono — registrazione del workshop' },
    people: [{ name: 'Paola Ferrante', role: 'speaker' }],
    year: 2025,
    durationS: 5400,
    tags: [TAG.demo],
    status: 'done',
    startedDaysAgo: 95,
    finishedDaysAgo: 94,
    rating: 4,
    highlights: [
      {
        positionS: 1260,
        text: {
          en: 'Show the three workflows they told you about, and nothing else.',
          it: 'Mostra i tre flussi di lavoro di cui ti hanno parlato, e nient’altro.',
        },
        takeaway: {
          text: {
            en: 'Build each demo on the customer’s own three workflows',
            it: 'Costruire ogni demo sui tre flussi di lavoro del cliente',
          },
          technique: 'Tailored demo',
          triedDaysAgo: 80,
        },
      },
    ],
  },
  {
    kind: 'audio',
    title: { en: 'Small Deals, Big Habits — episode 42', it: 'Piccole trattative, grandi abitudini — episodio 42' },
    people: [{ name: 'Luca Moretti', role: 'host' }],
    year: 2026,
    durationS: 2460,
    tags: [TAG.habits],
    status: 'done',
    startedDaysAgo: 12,
    finishedDaysAgo: 12,
    rating: 3,
  },
  {
    kind: 'seminar',
    title: { en: 'Negotiation day', it: 'Giornata sulla negoziazione' },
    people: [{ name: 'Roberta Galli', role: 'speaker' }],
    year: 2026,
    tags: [TAG.negotiation, TAG.price],
    status: 'done',
    startedDaysAgo: 30,
    finishedDaysAgo: 30,
    event: { en: 'Regional sales meeting, Bologna', it: 'Incontro regionale vendite, Bologna' },
    body: {
      en: '## What stuck\n\n- Trade, never give: every discount buys something (a date, a longer term).\n- Write the walk-away price down before the meeting.\n- The first number anchors the talk: say yours first when you can.\n',
      it: '## Che cosa mi porto a casa\n\n- Scambiare, mai regalare: ogni sconto compra qualcosa (una data, una durata più lunga).\n- Scrivere il prezzo minimo prima dell’incontro.\n- Il primo numero fa da àncora: quando puoi, dillo tu per primo.\n',
    },
    actions: [
      {
        text: {
          en: 'Write the walk-away price for the three open Enterprise deals',
          it: 'Scrivere il prezzo minimo per le tre trattative Enterprise aperte',
        },
        dueDaysAhead: 3,
        done: false,
      },
      {
        text: { en: 'Send Roberta the slides request', it: 'Chiedere le slide a Roberta' },
        dueDaysAhead: -20,
        done: true,
      },
      {
        text: {
          en: 'Rehearse the anchoring opener with a colleague',
          it: 'Provare l’apertura con àncora con un collega',
        },
        dueDaysAhead: 10,
        done: false,
      },
    ],
  },
  {
    kind: 'article',
    title: { en: 'Why buyers go quiet after the demo', it: 'Perché i clienti spariscono dopo la demo' },
    people: [{ name: 'Sara Conti', role: 'author' }],
    year: 2026,
    url: 'https://example.com/buyers-go-quiet',
    tags: [TAG.demo],
    status: 'done',
    startedDaysAgo: 5,
    finishedDaysAgo: 5,
  },
  {
    kind: 'book',
    title: { en: 'Talking About Price', it: 'Parlare di prezzo' },
    people: [{ name: 'Anna Ricci', role: 'author' }],
    publisher: 'Ponte Editore',
    year: 2023,
    pages: 188,
    tags: [TAG.price, TAG.negotiation],
    status: 'want',
    plannedDaysAhead: 45,
  },
];

export async function generateSampleLibrary(
  db: Kysely<DB>,
  ctx: SampleContext,
  techniques: readonly SampleTechnique[],
): Promise<void> {
  const day = (offset: number) => dayNumberToIso(ctx.endDay + offset);
  const techniqueId = new Map(techniques.map((t) => [t.key, t.id]));
  for (const spec of ITEMS) {
    const title = ctx.say(spec.title);
    const createdDay = ctx.endDay - (spec.startedDaysAgo ?? 3) - 2;
    const created = ctx.stamp(createdDay, 20);
    const id = await insertItemAsync(db, {
      kind: spec.kind,
      title,
      people: spec.people,
      publisher: spec.publisher ?? null,
      year: spec.year,
      language: ctx.language,
      pages: spec.pages ?? null,
      duration_s: spec.durationS ?? null,
      source: spec.url ? 'url' : 'physical',
      url: spec.url ?? null,
      tags: spec.tags.map(ctx.say),
      status: spec.status,
      progress_page: spec.progressPage ?? null,
      progress_percent: spec.progressPercent ?? null,
      position_s: spec.positionS ?? null,
      rating: spec.rating ?? null,
      started_on: spec.startedDaysAgo !== undefined ? day(-spec.startedDaysAgo) : null,
      finished_on: spec.finishedDaysAgo !== undefined ? day(-spec.finishedDaysAgo) : null,
      planned_on: spec.plannedDaysAhead !== undefined ? day(spec.plannedDaysAhead) : null,
      summary: spec.summary ? ctx.say(spec.summary) : null,
      event: spec.event ? ctx.say(spec.event) : null,
      held_on: spec.kind === 'seminar' && spec.startedDaysAgo !== undefined ? day(-spec.startedDaysAgo) : null,
      body: spec.body ? ctx.say(spec.body) : '',
      created_at: created,
    });
    await insertActions(
      db,
      id,
      (spec.actions ?? []).map((a) => ({
        text: ctx.say(a.text),
        dueOn: a.dueDaysAhead === null ? null : day(a.dueDaysAhead),
        done: a.done,
      })),
      created,
    );
    for (const h of spec.highlights ?? []) {
      const stamp = ctx.stamp(createdDay + 3, 21);
      const { id: highlightId } = await db
        .insertInto('library_highlights')
        .values({
          item_id: id,
          kind: h.kind ?? 'highlight',
          text: ctx.say(h.text),
          note: h.note ? ctx.say(h.note) : null,
          loc_start: h.loc?.[0] ?? null,
          loc_end: h.loc?.[1] ?? null,
          page: h.page ?? null,
          position_s: h.positionS ?? null,
          highlighted_at: stamp,
          origin: 'manual',
          created_at: stamp,
          updated_at: stamp,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (!h.takeaway) continue;
      await db
        .insertInto('library_takeaways')
        .values({
          item_id: id,
          highlight_id: highlightId,
          text: ctx.say(h.takeaway.text),
          technique_id: techniqueId.get(h.takeaway.technique) ?? null,
          goal_id: null,
          tried_on: h.takeaway.triedDaysAgo === null ? null : day(-h.takeaway.triedDaysAgo),
          created_at: stamp,
        })
        .execute();
    }
    if (spec.sessions) {
      const { weeks, minutes, pages } = spec.sessions;
      const rows = [];
      for (let back = weeks * 7; back >= 0; back -= 3) {
        // A little variety without a draw: longer sessions at weekends.
        const weekend = new Date((ctx.endDay - back) * 86_400_000).getUTCDay() % 6 === 0;
        rows.push({ item_id: id, on_date: day(-back), minutes: minutes + (weekend ? 20 : 0), pages });
      }
      await db.insertInto('learning_sessions').values(rows).execute();
    }
  }
}
