import type { TrainingNote } from '../../../src-main/features/training/contract';
import type { Output, ParsedInput } from '../../../src-main/shared/api';
import type { Customer } from '../../../src-main/features/customers/contract';
import type { JournalEntry } from '../../../src-main/features/journal/contract';
import type { Sale } from '../../../src-main/features/sales/contract';
import type { SearchHit, SnippetPart } from '../../../src-main/features/search/contract';
import type { Settings } from '../../../src-main/features/settings/contract';
import type { StarterTechnique, Technique, TechniqueCategory } from '../../../src-main/features/techniques/contract';
import type { FakeHandlers } from '../fakeApi';
import { techniqueFixture } from '../fixtures';

/*
 * The journal's demo data for screenshots: a technique catalogue, journal entries and the
 * starter set in the seller's language, and fake handlers that behave like the real ones
 * closely enough to click through (filters, merge, search without accents).
 */

type Language = Settings['language'];

interface DemoTechnique {
  name: Record<Language, string>;
  category: TechniqueCategory;
  description: Record<Language, string>;
  steps: Record<Language, string[]>;
  source: string | null;
}

const TECHNIQUES: DemoTechnique[] = [
  {
    name: { en: 'SPIN questions', it: 'Domande SPIN' },
    category: 'discovery',
    description: {
      en: 'Situation, problem, implication and need-payoff questions, in that order.',
      it: 'Domande di situazione, problema, implicazione e beneficio, in quest’ordine.',
    },
    steps: {
      en: ['Ask two situation questions at most', 'Find one problem the buyer admits', 'Ask what it costs them'],
      it: [
        'Al massimo due domande di situazione',
        'Trova un problema che il cliente ammette',
        'Chiedi quanto gli costa',
      ],
    },
    source: 'Neil Rackham, SPIN Selling',
  },
  {
    name: { en: 'Trial close', it: 'Chiusura di prova' },
    category: 'closing',
    description: {
      en: 'A question that tests readiness without asking for the order.',
      it: 'Una domanda che sonda se il cliente è pronto, senza chiedere l’ordine.',
    },
    steps: { en: [], it: [] },
    source: null,
  },
  {
    name: { en: 'Social proof', it: 'Riprova sociale' },
    category: 'presentation',
    description: {
      en: 'A short story of a similar customer and the result they got.',
      it: 'Il breve racconto di un cliente simile e del risultato ottenuto.',
    },
    steps: { en: [], it: [] },
    source: null,
  },
  {
    name: { en: 'Consultative demo', it: 'Demo consulenziale' },
    category: 'presentation',
    description: {
      en: 'Show only the three things that answer the problems they named.',
      it: 'Mostra solo le tre cose che rispondono ai problemi che ha nominato.',
    },
    steps: { en: [], it: [] },
    source: null,
  },
  {
    name: { en: 'Follow-up in 48h', it: 'Follow-up entro 48 ore' },
    category: 'follow_up',
    description: {
      en: 'A written summary and one next step, sent within two days.',
      it: 'Un riepilogo scritto e un solo passo successivo, entro due giorni.',
    },
    steps: { en: [], it: [] },
    source: null,
  },
  {
    name: { en: 'Feel-felt-found', it: 'Capisco, altri pensavano, poi hanno scoperto' },
    category: 'objections',
    description: {
      en: 'Agree with the feeling, share that others felt it, say what they found.',
      it: 'Riconosci la sensazione, racconta che altri la provavano, di’ cosa hanno scoperto.',
    },
    steps: {
      en: ['“I understand how you feel”', '“Others felt the same”', '“What they found was…”'],
      it: ['«Capisco come si sente»', '«Anche altri la pensavano così»', '«Poi hanno scoperto che…»'],
    },
    source: null,
  },
  {
    name: { en: 'Cold fax', it: 'Fax a freddo' },
    category: 'prospecting',
    description: { en: 'From another era.', it: 'Di un’altra epoca.' },
    steps: { en: [], it: [] },
    source: null,
  },
];

export function demoTechniques(language: Language): Technique[] {
  return TECHNIQUES.map((t, i) =>
    techniqueFixture(i + 1, t.name[language], {
      category: t.category,
      description: t.description[language],
      steps: t.steps[language],
      source: t.source,
      retired: i === 6,
      starter: i === 0 ? 'spin' : i === 5 ? 'feel_felt_found' : null,
      mergedFrom: i === 0 ? [language === 'it' ? 'Domande spin (vecchie)' : 'Spin questions (old)'] : [],
    }),
  );
}

const STARTER: {
  key: string;
  category: TechniqueCategory;
  name: Record<Language, string>;
  description: Record<Language, string>;
}[] = [
  {
    key: 'spin',
    category: 'discovery',
    name: { en: 'SPIN questions', it: 'Domande SPIN' },
    description: {
      en: 'Ask situation, problem, implication and need-payoff questions.',
      it: 'Domande di situazione, problema, implicazione e beneficio.',
    },
  },
  {
    key: 'challenger',
    category: 'presentation',
    name: { en: 'Challenger teaching', it: 'Insegnamento Challenger' },
    description: {
      en: 'Teach the buyer something new about their own business.',
      it: 'Insegna al cliente qualcosa di nuovo sulla sua attività.',
    },
  },
  {
    key: 'feel_felt_found',
    category: 'objections',
    name: { en: 'Feel-felt-found', it: 'Capisco, altri pensavano, poi hanno scoperto' },
    description: {
      en: 'Acknowledge, relate, reframe an objection.',
      it: 'Riconosci, condividi e riformula un’obiezione.',
    },
  },
  {
    key: 'assumptive_close',
    category: 'closing',
    name: { en: 'Assumptive close', it: 'Chiusura presuntiva' },
    description: {
      en: 'Talk about the next step as if the decision were made.',
      it: 'Parla del passo successivo come se la decisione fosse presa.',
    },
  },
  {
    key: 'referral_ask',
    category: 'follow_up',
    name: { en: 'Referral ask', it: 'Richiesta di referenze' },
    description: {
      en: 'After a happy delivery, ask for two names.',
      it: 'Dopo una consegna riuscita, chiedi due nomi.',
    },
  },
  {
    key: 'mirroring',
    category: 'negotiation',
    name: { en: 'Mirroring', it: 'Rispecchiamento' },
    description: {
      en: 'Repeat the last three words to make them say more.',
      it: 'Ripeti le ultime tre parole per farli continuare.',
    },
  },
];

interface DemoEntry {
  days: number;
  title: Record<Language, string>;
  customer: number | null;
  techniques: number[];
  outcome: JournalEntry['outcome'];
  confidence: number | null;
  tags: Record<Language, string[]>;
  situation: Record<Language, string>;
  learned: Record<Language, string>;
  body: Record<Language, string>;
}

const ENTRIES: DemoEntry[] = [
  {
    days: 2,
    title: {
      en: 'Price objection: why the città showroom pays back',
      it: 'Obiezione sul prezzo: perché lo showroom in città si ripaga',
    },
    customer: 1,
    techniques: [1, 6],
    outcome: 'worked',
    confidence: 4,
    tags: { en: ['price', 'showroom'], it: ['prezzo', 'showroom'] },
    situation: {
      en: 'Second meeting; the owner said we were too expensive.',
      it: 'Secondo incontro; il titolare ha detto che siamo troppo cari.',
    },
    learned: {
      en: 'The cost of doing nothing beats any discount.',
      it: 'Il costo di non fare nulla batte qualsiasi sconto.',
    },
    body: {
      en: '## What happened\n\nI asked **implication** questions before talking money:\n\n- how many hours the lights are on\n- what the last bill was\n\nThen the numbers from [the energy calculator](https://example.com/calculator) did the rest.',
      it: '## Cosa è successo\n\nHo fatto domande di **implicazione** prima di parlare di soldi:\n\n- quante ore restano accese le luci\n- quanto è stata l’ultima bolletta\n\nPoi i numeri del [calcolatore energetico](https://example.com/calculator) hanno fatto il resto.',
    },
  },
  {
    days: 6,
    title: { en: 'Demo ran long, lost the room', it: 'Demo troppo lunga, ho perso l’attenzione' },
    customer: 4,
    techniques: [4],
    outcome: 'didnt',
    confidence: 3,
    tags: { en: ['demo'], it: ['demo'] },
    situation: {
      en: 'Five people from purchasing, forty minutes booked.',
      it: 'Cinque persone dell’ufficio acquisti, quaranta minuti a disposizione.',
    },
    learned: { en: 'Three features, then questions. Not nine.', it: 'Tre funzioni, poi domande. Non nove.' },
    body: {
      en: 'Showed *everything*. Next time: stop after the third screen and ask.',
      it: 'Ho mostrato *tutto*. La prossima volta: fermarmi alla terza schermata e chiedere.',
    },
  },
  {
    days: 9,
    title: { en: 'Trial close on the maintenance plan', it: 'Chiusura di prova sul piano di manutenzione' },
    customer: 2,
    techniques: [2],
    outcome: 'mixed',
    confidence: 2,
    tags: { en: ['renewal'], it: ['rinnovo'] },
    situation: {
      en: 'Renewal call, the contract ends in March.',
      it: 'Telefonata di rinnovo, il contratto scade a marzo.',
    },
    learned: {
      en: 'Ask about timing before asking about the plan.',
      it: 'Chiedere dei tempi prima di chiedere del piano.',
    },
    body: { en: '', it: '' },
  },
  {
    days: 15,
    title: { en: 'Referral from a happy install', it: 'Referenza da un’installazione riuscita' },
    customer: 3,
    techniques: [5],
    outcome: 'worked',
    confidence: 5,
    tags: { en: ['referral'], it: ['referenze'] },
    situation: { en: 'Delivery day, everything working.', it: 'Giorno della consegna, tutto funzionante.' },
    learned: { en: 'Ask on the day, not a week later.', it: 'Chiedere il giorno stesso, non una settimana dopo.' },
    body: {
      en: 'Got two names and a phone number. Follow up **Thursday**.',
      it: 'Ho avuto due nomi e un numero di telefono. Richiamare **giovedì**.',
    },
  },
  {
    days: 23,
    title: { en: 'First call with a hotel chain', it: 'Prima telefonata con una catena di hotel' },
    customer: 5,
    techniques: [1],
    outcome: null,
    confidence: null,
    tags: { en: ['first call'], it: ['primo contatto'] },
    situation: { en: 'Cold call after the trade fair.', it: 'Telefonata a freddo dopo la fiera.' },
    learned: { en: '', it: '' },
    body: { en: 'Booked a visit for next month.', it: 'Fissata una visita per il mese prossimo.' },
  },
];

const fold = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** A snippet around the first match of `words` in `text`, marked as the backend marks it. */
function snippetOf(text: string, words: string[]): SnippetPart[] {
  const folded = fold(text);
  const at = words.map((w) => folded.indexOf(w)).filter((i) => i >= 0);
  if (at.length === 0) return [{ text: text.slice(0, 120), match: false }];
  const start = Math.min(...at);
  const word = words.find((w) => folded.indexOf(w) === start)!;
  // A prefix match marks the whole word it starts.
  let end = start + word.length;
  while (end < text.length && /\p{L}/u.test(text[end]!)) end++;
  const from = Math.max(0, start - 40);
  return [
    { text: `${from > 0 ? '…' : ''}${text.slice(from, start)}`, match: false },
    { text: text.slice(start, end), match: true },
    { text: `${text.slice(end, end + 80)}${end + 80 < text.length ? '…' : ''}`, match: false },
  ];
}

export function demoJournal(
  options: { language: Language; empty: boolean },
  techniques: Technique[],
  customers: Customer[],
  sales: Sale[],
  /** Training notes the search finds too. */
  training: readonly TrainingNote[] = [],
): FakeHandlers {
  const lang = options.language;
  const today = new Date().toISOString().slice(0, 10);
  const dayBefore = (days: number): string =>
    new Date(Date.parse(`${today}T12:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
  const ref = (t: Technique) => ({ id: t.id, name: t.name, description: t.description });
  const saleRef = (sale: Sale | undefined): JournalEntry['sale'] =>
    sale
      ? {
          id: sale.id,
          title: sale.title,
          status: sale.status,
          closedOn: sale.closedOn,
          amountMinor: sale.amountMinor,
          currency: sale.currency,
        }
      : null;

  const entries: JournalEntry[] = options.empty
    ? []
    : ENTRIES.map((e, i) => {
        const customer = e.customer ? customers.find((c) => c.id === e.customer) : undefined;
        // The customer's latest sale: the one an entry of these last weeks would be about.
        const sale = customer
          ? sales.filter((s) => s.customerId === customer.id).sort((a, b) => b.openedOn.localeCompare(a.openedOn))[0]
          : undefined;
        return {
          id: ENTRIES.length - i,
          date: dayBefore(e.days),
          title: e.title[lang],
          situation: e.situation[lang] || null,
          customer: customer ? { id: customer.id, name: customer.name } : null,
          sale: i === 4 ? null : saleRef(sale),
          techniques: techniques.filter((t) => e.techniques.includes(t.id)).map(ref),
          action: null,
          outcome: e.outcome,
          learned: e.learned[lang] || null,
          nextTime: null,
          confidence: e.confidence,
          tags: e.tags[lang],
          body: e.body[lang],
          experimentId: null,
          createdAt: `${dayBefore(e.days)}T17:00:00.000Z`,
          updatedAt: `${dayBefore(e.days)}T17:00:00.000Z`,
        };
      });
  const count = (technique: Technique): Technique => ({
    ...technique,
    sales: sales.filter((s) => s.techniques.some((t) => t.id === technique.id)).length,
    entries: entries.filter((e) => e.techniques.some((t) => t.id === technique.id)).length,
  });

  const toEntry = (id: number, input: ParsedInput<'journal.create'>, createdAt: string): JournalEntry => {
    const customer = customers.find((c) => c.id === input.customerId);
    return {
      ...input,
      id,
      customer: customer ? { id: customer.id, name: customer.name } : null,
      sale: saleRef(sales.find((s) => s.id === input.saleId)),
      techniques: techniques.filter((t) => input.techniqueIds.includes(t.id)).map(ref),
      experimentId: null,
      createdAt,
      updatedAt: new Date().toISOString(),
    };
  };

  const list = (q: ParsedInput<'journal.list'>): Output<'journal.list'> => {
    const rows = entries
      .filter(
        (e) =>
          (!q.techniqueId || e.techniques.some((t) => t.id === q.techniqueId)) &&
          (!q.customerId || e.customer?.id === q.customerId) &&
          (!q.saleId || e.sale?.id === q.saleId) &&
          (!q.outcome || e.outcome === q.outcome) &&
          (!q.tag || e.tags.includes(q.tag)) &&
          (!q.from || e.date >= q.from) &&
          (!q.to || e.date <= q.to),
      )
      .sort((a, b) => b.date.localeCompare(a.date) || b.id - a.id);
    return { items: rows.slice(q.offset, q.offset + q.limit), total: rows.length };
  };

  const search = (q: ParsedInput<'search.query'>): Output<'search.query'> => {
    const words = fold(q.text).split(/\s+/).filter(Boolean);
    const matches = (text: string): boolean => {
      const folded = fold(text);
      return words.every((w) =>
        new RegExp(`(^|[^\\p{L}])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'u').test(folded),
      );
    };
    const hits: SearchHit[] = [];
    for (const e of entries) {
      const text = [e.title, e.situation, e.learned, e.body].filter(Boolean).join(' — ');
      if (matches(text))
        hits.push({
          kind: 'journal',
          id: e.id,
          title: e.title,
          snippet: snippetOf(text, words),
          date: e.date,
          customerId: e.customer?.id ?? null,
          itemId: null,
        });
    }
    for (const t of techniques) {
      const text = `${t.name} — ${t.description ?? ''}`;
      if (matches(text))
        hits.push({
          kind: 'technique',
          id: t.id,
          title: t.name,
          snippet: snippetOf(text, words),
          date: null,
          customerId: null,
          itemId: null,
        });
    }
    for (const c of customers) {
      const text = `${c.name} — ${c.notes ?? ''}`;
      if (matches(text))
        hits.push({
          kind: 'customer',
          id: c.id,
          title: c.name,
          snippet: snippetOf(text, words),
          date: null,
          customerId: c.id,
          itemId: null,
        });
    }
    for (const s of sales.slice(0, 400)) {
      const text = `${s.title} — ${s.lostReason ?? ''}`;
      if (matches(text) && hits.filter((h) => h.kind === 'sale').length < 5)
        hits.push({
          kind: 'sale',
          id: s.id,
          title: `${s.title} · ${s.customerName}`,
          snippet: snippetOf(text, words),
          date: s.closedOn ?? s.openedOn,
          customerId: s.customerId,
          itemId: null,
        });
    }
    for (const n of training) {
      const title = n.product?.name ?? n.name ?? '';
      const text = [title, n.features, n.benefits, n.who, n.caresAbout, n.whatWorks]
        .concat(n.objections.flatMap((o) => [o.objection, o.answer]))
        .filter(Boolean)
        .join(' — ');
      if (matches(text))
        hits.push({
          kind: 'training',
          id: n.id,
          title,
          snippet: snippetOf(text.slice(title.length + 3), words),
          date: n.updatedAt.slice(0, 10),
          customerId: null,
          itemId: null,
        });
    }
    const ordered = q.order === 'newest' ? [...hits].sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '')) : hits;
    const counts = {
      journal: 0,
      technique: 0,
      sale: 0,
      customer: 0,
      complaint: 0,
      training: 0,
      library: 0,
      highlight: 0,
    };
    for (const hit of hits) counts[hit.kind]++;
    return { items: ordered.slice(q.offset, q.offset + q.limit), total: hits.length, counts };
  };

  return {
    'techniques.list': () => techniques.map(count),
    'techniques.get': ({ id }) => count(techniques.find((t) => t.id === id)!),
    'techniques.create': (input) => {
      const technique = techniqueFixture(techniques.length + 1, input.name, input);
      techniques.push(technique);
      return technique;
    },
    'techniques.update': ({ id, ...input }) => {
      const technique = techniques.find((t) => t.id === id)!;
      Object.assign(technique, input);
      return count(technique);
    },
    'techniques.retire': ({ id, retired }) => {
      const technique = techniques.find((t) => t.id === id)!;
      technique.retired = retired;
      return count(technique);
    },
    'techniques.merge': ({ from, into }) => {
      const gone = count(techniques.find((t) => t.id === from)!);
      const survivor = techniques.find((t) => t.id === into)!;
      techniques.splice(techniques.indexOf(techniques.find((t) => t.id === from)!), 1);
      survivor.mergedFrom = [...survivor.mergedFrom, gone.name];
      return { survivor: count(survivor), salesMoved: gone.sales, entriesMoved: gone.entries };
    },
    'techniques.starter': (): StarterTechnique[] =>
      STARTER.map((s) => ({
        key: s.key,
        name: s.name[lang],
        category: s.category,
        description: s.description[lang],
        added: techniques.some((t) => t.starter === s.key || t.name === s.name[lang]),
      })),
    'techniques.addStarter': ({ keys }) =>
      keys.map((key) => {
        const s = STARTER.find((x) => x.key === key)!;
        const technique = techniqueFixture(techniques.length + 1, s.name[lang], {
          category: s.category,
          description: s.description[lang],
          starter: key,
        });
        techniques.push(technique);
        return technique;
      }),
    'journal.list': list,
    'journal.get': ({ id }) => {
      const entry = entries.find((e) => e.id === id);
      if (!entry) throw new Error(`no entry ${id}`);
      return entry;
    },
    'journal.create': (input) => {
      const entry = toEntry(Math.max(0, ...entries.map((e) => e.id)) + 1, input, new Date().toISOString());
      entries.push(entry);
      return entry;
    },
    'journal.update': ({ id, ...input }) => {
      const at = entries.findIndex((e) => e.id === id);
      const entry = toEntry(id, input, entries[at]!.createdAt);
      entries.splice(at, 1, entry);
      return entry;
    },
    'journal.delete': ({ id }) => {
      entries.splice(
        entries.findIndex((e) => e.id === id),
        1,
      );
      return { id };
    },
    'journal.tags': () => {
      const counts = new Map<string, number>();
      for (const e of entries) for (const tag of e.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
      return [...counts].map(([tag, n]) => ({ tag, count: n })).sort((a, b) => b.count - a.count);
    },
    'search.query': search,
  };
}
