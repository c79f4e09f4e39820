import type {
  FileImportResult,
  Highlight,
  LibraryItem,
  LibraryItemSummary,
  LibraryKind,
  LibraryStatus,
  PersonRole,
  Takeaway,
} from '../../../src-main/features/library/contract';
import type { Technique } from '../../../src-main/features/techniques/contract';
import type { Language } from '../../../src-main/shared/domain';
import type { FakeHandlers } from '../fakeApi';
import { goalFixture, summaryFixture as goalSummary } from '../goals/fixtures';

/*
 * A small library for the screenshots, in the seller's language: made-up titles and authors
 * (no real book's words), some with covers drawn here as SVG (a data: address, as the preview
 * may map the media protocol), some without, to show the placeholder.
 */

type Words = Record<Language, string>;

interface DemoItem {
  kind: LibraryKind;
  title: Words;
  people: { name: string; role: PersonRole }[];
  year: number | null;
  pages: number | null;
  durationS: number | null;
  status: LibraryStatus;
  progressPage?: number;
  progressPercent?: number;
  positionS?: number;
  rating: number | null;
  tags: Words[];
  /** Two colours of a drawn cover; none for an item without one. */
  cover: [string, string] | null;
  source: LibraryItemSummary['source'];
  highlights: number;
}

const tag = (en: string, it: string): Words => ({ en, it });
const CLOSING = tag('closing', 'chiusura');
const DISCOVERY = tag('discovery', 'scoperta');
const MINDSET = tag('mindset', 'mentalità');
const OBJECTIONS = tag('objections', 'obiezioni');

const ITEMS: DemoItem[] = [
  {
    kind: 'book',
    title: { en: 'The Patient Closer', it: 'Il venditore paziente' },
    people: [{ name: 'Marta Villa', role: 'author' }],
    year: 2021,
    pages: 248,
    durationS: null,
    status: 'in_progress',
    progressPage: 132,
    rating: 4,
    tags: [CLOSING, MINDSET],
    cover: ['#1e3a5f', '#e8b04a'],
    source: 'physical',
    highlights: 3,
  },
  {
    kind: 'audiobook',
    title: { en: 'Questions That Open Doors', it: 'Domande che aprono porte' },
    people: [
      { name: 'Ivo Greco', role: 'author' },
      { name: 'Lia Moro', role: 'narrator' },
    ],
    year: 2023,
    pages: null,
    durationS: 6 * 3600 + 42 * 60,
    status: 'in_progress',
    positionS: 2 * 3600 + 10 * 60,
    rating: null,
    tags: [DISCOVERY],
    cover: ['#3b1f4a', '#f07167'],
    source: 'stored',
    highlights: 1,
  },
  {
    kind: 'ebook',
    title: { en: 'Price Without Fear', it: 'Il prezzo senza paura' },
    people: [{ name: 'Tommaso Riva', role: 'author' }],
    year: 2019,
    pages: 312,
    durationS: null,
    status: 'done',
    rating: 5,
    tags: [OBJECTIONS, CLOSING],
    cover: ['#0f5132', '#d1e7dd'],
    source: 'stored',
    highlights: 12,
  },
  {
    kind: 'seminar',
    title: { en: 'Spring sales kickoff 2026', it: 'Kickoff vendite di primavera 2026' },
    people: [{ name: 'Chiara Neri', role: 'speaker' }],
    year: 2026,
    pages: null,
    durationS: null,
    status: 'done',
    rating: 4,
    tags: [MINDSET],
    cover: null,
    source: 'stored',
    highlights: 0,
  },
  {
    kind: 'video',
    title: { en: 'Discovery calls, live', it: 'Chiamate di scoperta, dal vivo' },
    people: [{ name: 'Davide Fontana', role: 'speaker' }],
    year: 2024,
    pages: null,
    durationS: 58 * 60,
    status: 'want',
    rating: null,
    tags: [DISCOVERY],
    cover: ['#212529', '#4dabf7'],
    source: 'linked',
    highlights: 0,
  },
  {
    kind: 'book',
    title: { en: 'Small Accounts, Big Years', it: 'Piccoli clienti, grandi anni' },
    people: [
      { name: 'Sara Conti', role: 'author' },
      { name: 'Paolo Galli', role: 'author' },
    ],
    year: 2017,
    pages: 204,
    durationS: null,
    status: 'want',
    rating: null,
    tags: [MINDSET],
    cover: null,
    source: 'physical',
    highlights: 0,
  },
  {
    kind: 'audio',
    title: { en: 'The Follow-up Hour, episode 41', it: 'L’ora del follow-up, puntata 41' },
    people: [{ name: 'Andrea Marino', role: 'host' }],
    year: 2025,
    pages: null,
    durationS: 47 * 60,
    status: 'done',
    rating: 3,
    tags: [],
    cover: ['#5c2a0e', '#ffd8a8'],
    source: 'stored',
    highlights: 2,
  },
  {
    kind: 'article',
    title: { en: 'Why buyers go quiet', it: 'Perché i clienti spariscono' },
    people: [{ name: 'Elena Romano', role: 'author' }],
    year: 2025,
    pages: null,
    durationS: null,
    status: 'abandoned',
    rating: null,
    tags: [OBJECTIONS],
    cover: null,
    source: 'url',
    highlights: 0,
  },
  {
    kind: 'ebook',
    title: { en: 'Negotiating With Friends', it: 'Negoziare con gli amici' },
    people: [{ name: 'Luca Ferrari', role: 'author' }],
    year: 2022,
    pages: 188,
    durationS: null,
    status: 'want',
    rating: null,
    tags: [CLOSING],
    cover: ['#6f1d1b', '#ffe6a7'],
    source: 'stored',
    highlights: 0,
  },
  {
    kind: 'book',
    title: { en: 'Referrals by Design', it: 'Referenze su misura' },
    people: [{ name: 'Giulia Esposito', role: 'author' }],
    year: 2020,
    pages: 226,
    durationS: null,
    status: 'done',
    rating: 4,
    tags: [MINDSET],
    cover: ['#184e77', '#b5e48c'],
    source: 'physical',
    highlights: 5,
  },
];

/** A cover drawn for the demo: two colours, the title in large type and the author, as a data address. */
function drawCover(title: string, author: string, [ground, ink]: [string, string]): string {
  const words = title.split(' ');
  const lines: string[] = [];
  for (const word of words) {
    const last = lines.at(-1);
    if (last !== undefined && `${last} ${word}`.length <= 12) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const text = lines
    .map(
      (line, i) =>
        `<text x="16" y="${64 + i * 26}" font-family="Georgia, serif" font-size="22" font-weight="700" fill="${ink}">${escape(line)}</text>`,
    )
    .join('');
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="300" viewBox="0 0 200 300">` +
    `<rect width="200" height="300" fill="${ground}"/>` +
    `<rect x="16" y="24" width="40" height="4" fill="${ink}"/>` +
    text +
    `<circle cx="150" cy="220" r="70" fill="${ink}" opacity="0.18"/>` +
    `<text x="16" y="276" font-family="Helvetica, Arial, sans-serif" font-size="12" letter-spacing="1" fill="${ink}">${escape(author.toUpperCase())}</text>` +
    `</svg>`;
  return `data:image/svg+xml;utf8,${encodeURIComponent(svg)}`;
}

function highlightsOf(language: Language): Highlight[] {
  const it = language === 'it';
  const base = { itemId: 1, locStart: null, locEnd: null, positionS: null, highlightedAt: null, note: null } as const;
  return [
    {
      ...base,
      id: 1,
      kind: 'highlight',
      text: it
        ? 'Dopo aver detto il prezzo, il silenzio è una domanda: lascia che sia il cliente a rispondere.'
        : 'After you say the price, silence is a question: let the buyer be the one to answer it.',
      note: it ? 'Da provare con i rinnovi di aprile.' : 'Try this on the April renewals.',
      page: 57,
      origin: 'manual',
    },
    {
      ...base,
      id: 2,
      kind: 'highlight',
      text: it
        ? 'Chi chiude bene non corre: fa in modo che il passo successivo sia ovvio.'
        : 'Good closers never rush; they make the next step obvious.',
      page: 88,
      locStart: 1311,
      locEnd: 1318,
      highlightedAt: '2026-02-12T21:10:00Z',
      origin: 'kindle',
    },
    {
      ...base,
      id: 3,
      kind: 'note',
      text: '',
      note: it
        ? 'Il capitolo sulle obiezioni funziona anche per le trattative con i distributori.'
        : 'The chapter on objections works for distributor talks too.',
      page: 143,
      origin: 'manual',
    },
  ];
}

export function libraryDemoHandlers({
  language,
  empty,
  techniques,
}: {
  language: Language;
  empty: boolean;
  techniques: readonly Technique[];
}): FakeHandlers {
  const it = language === 'it';
  const goal = goalFixture({ id: 3, title: it ? 'Leggere 6 libri quest’anno' : 'Read 6 books this year' });
  const technique = techniques.find((t) => t.category === 'closing') ?? techniques[0];
  const summaries: LibraryItemSummary[] = empty
    ? []
    : ITEMS.map((item, index) => {
        const id = index + 1;
        const title = item.title[language];
        return {
          id,
          kind: item.kind,
          title,
          titleGuessed: false,
          people: item.people,
          year: item.year,
          isbn13: item.pages ? `97888${String(1000000 + id * 7919).slice(0, 7)}${id % 10}` : null,
          pages: item.pages,
          durationS: item.durationS,
          source: item.source,
          fileMissing: false,
          coverUrl: item.cover ? drawCover(title, item.people[0]!.name, item.cover) : null,
          tags: item.tags.map((t) => t[language]),
          status: item.status,
          progressPage: item.progressPage ?? null,
          progressPercent: item.progressPercent ?? null,
          positionS: item.positionS ?? null,
          rating: item.rating,
          startedOn: item.status === 'want' ? null : '2026-01-10',
          finishedOn: item.status === 'done' ? '2026-02-20' : null,
          plannedOn: null,
          highlights: item.highlights,
          takeaways: id === 1 ? 1 : 0,
          createdAt: `2026-01-${String(28 - index).padStart(2, '0')}T10:00:00.000Z`,
        };
      });

  const takeaways: Takeaway[] = technique
    ? [
        {
          id: 1,
          itemId: 1,
          highlightId: 1,
          text: it ? 'Dire il prezzo una volta sola, poi aspettare.' : 'Say the price once, then wait.',
          technique: { id: technique.id, name: technique.name, description: technique.description },
          goal: { id: goal.id, title: goal.title },
          triedOn: '2026-03-02',
          createdAt: '2026-02-15T10:00:00.000Z',
        },
      ]
    : [];

  const full = (summary: LibraryItemSummary): LibraryItem => ({
    ...summary,
    titleKey: summary.title.toLowerCase(),
    publisher: summary.source === 'url' ? 'Field Notes' : it ? 'Edizioni Tramontana' : 'Northwind Press',
    language,
    isbn10: null,
    width: null,
    height: null,
    url: summary.source === 'url' ? 'https://example.com/why-buyers-go-quiet' : null,
    fileName: summary.source === 'stored' || summary.source === 'linked' ? `item-${summary.id}.epub` : null,
    fileSize: null,
    fileMime: null,
    mediaUrl: null,
    description: null,
    summary:
      summary.id === 1
        ? it
          ? 'Un libro sul **ritmo** della trattativa: quando parlare, quando tacere, e come far sì che il passo successivo venga dal cliente.'
          : 'A book about the **pace** of a negotiation: when to talk, when to stop, and how to let the next step come from the buyer.'
        : null,
    contents:
      summary.id === 1
        ? [
            { title: it ? 'Prima parte: il ritmo' : 'Part one: pace', level: 0, page: 1 },
            { title: it ? 'Il silenzio dopo il prezzo' : 'Silence after the price', level: 1, page: 49 },
            { title: it ? 'Passi ovvi' : 'Obvious next steps', level: 1, page: 81 },
            { title: it ? 'Seconda parte: le obiezioni' : 'Part two: objections', level: 0, page: 121 },
          ]
        : [],
    event: null,
    heldOn: null,
    body: '',
    highlightList: summary.id === 1 ? highlightsOf(language) : [],
    takeawayList: summary.id === 1 ? takeaways : [],
    actions: [],
    techniques: summary.id === 1 && technique ? [{ id: technique.id, name: technique.name, description: null }] : [],
    updatedAt: summary.createdAt,
  });

  const counts = <K extends string>(keys: readonly K[], of: (s: LibraryItemSummary) => K): Record<K, number> =>
    Object.fromEntries(keys.map((k) => [k, summaries.filter((s) => of(s) === k).length])) as Record<K, number>;

  const duplicateOf = summaries[2];
  const importResults: FileImportResult[] = [
    {
      file: '/home/ada/Books/closing-notes.epub',
      status: 'created',
      id: 11,
      metadata: {
        kind: 'ebook',
        title: it ? 'Appunti sulla chiusura' : 'Notes on Closing',
        titleGuessed: false,
        people: [{ name: 'Rita Sala', role: 'author' }],
        publisher: null,
        year: 2024,
        language,
        isbn13: null,
        pages: 164,
        durationS: null,
        hasCover: true,
      },
      match: null,
      reason: null,
      reasonValues: null,
    },
    {
      file: '/home/ada/Books/price-without-fear-2nd-ed.epub',
      status: 'duplicate',
      id: 3,
      metadata: {
        kind: 'ebook',
        title: duplicateOf?.title ?? 'Price Without Fear',
        titleGuessed: false,
        people: [{ name: 'Tommaso Riva', role: 'author' }],
        publisher: it ? 'Tramontana Digitale' : 'Northwind Digital',
        year: 2024,
        language,
        isbn13: duplicateOf?.isbn13 ?? null,
        pages: 336,
        durationS: null,
        hasCover: true,
      },
      match: 'isbn',
      reason: 'library.import.duplicateOf.isbn',
      reasonValues: { id: 3, title: duplicateOf?.title ?? '' },
    },
    {
      file: '/home/ada/Books/scan-0042.pdf',
      status: 'error',
      id: null,
      metadata: null,
      match: null,
      reason: 'library.failures.unreadable',
      reasonValues: { detail: it ? 'il file è danneggiato' : 'the file is damaged' },
    },
    {
      file: '/home/ada/Books/kickoff-notes.md',
      status: 'created',
      id: 12,
      metadata: {
        kind: 'seminar',
        title: it ? 'Note dal workshop di marzo' : 'Notes from the March workshop',
        titleGuessed: false,
        people: [{ name: 'Chiara Neri', role: 'speaker' }],
        publisher: null,
        year: 2026,
        language,
        isbn13: null,
        pages: null,
        durationS: null,
        hasCover: false,
      },
      match: null,
      reason: null,
      reasonValues: null,
    },
  ];

  return {
    'library.list': (q) => {
      const text = q.text?.toLowerCase();
      const rows = summaries.filter(
        (s) =>
          (!q.kind || s.kind === q.kind) &&
          (!q.status || s.status === q.status) &&
          (!q.tag || s.tags.includes(q.tag)) &&
          (!q.author || s.people.some((p) => p.name === q.author)) &&
          (!text || `${s.title} ${s.people.map((p) => p.name).join(' ')}`.toLowerCase().includes(text)),
      );
      if (q.sort === 'title') rows.sort((a, b) => a.title.localeCompare(b.title));
      if (q.sort === 'rating') rows.sort((a, b) => (b.rating ?? 0) - (a.rating ?? 0));
      return { items: rows.slice(q.offset, q.offset + q.limit), total: rows.length };
    },
    'library.facets': () => {
      const tags = new Map<string, number>();
      const authors = new Map<string, number>();
      for (const s of summaries) {
        for (const t of s.tags) tags.set(t, (tags.get(t) ?? 0) + 1);
        for (const p of s.people) authors.set(p.name, (authors.get(p.name) ?? 0) + 1);
      }
      return {
        tags: [...tags].map(([t, count]) => ({ tag: t, count })).sort((a, b) => b.count - a.count),
        authors: [...authors].map(([name, count]) => ({ name, count })),
        kinds: counts(['book', 'ebook', 'audiobook', 'video', 'audio', 'seminar', 'article'], (s) => s.kind),
        statuses: counts(['want', 'in_progress', 'done', 'abandoned'], (s) => s.status),
      };
    },
    'library.get': ({ id }) => {
      const summary = summaries.find((s) => s.id === id);
      if (!summary) throw new Error(`no library item ${id}`);
      return full(summary);
    },
    'library.pick': () => ({ paths: ['/home/ada/Books'] }),
    'library.import': ({ onDuplicate }) => {
      const results = onDuplicate === 'report' ? importResults : [importResults[1]!];
      return {
        results,
        created: results.filter((r) => r.status === 'created').length,
        duplicates: results.filter((r) => r.status === 'duplicate').length,
        failed: results.filter((r) => r.status === 'error').length,
        cancelled: false,
      };
    },
    'library.cancelImport': () => ({ cancelled: false }),
    'goals.list': () => ({ asOf: '2026-03-16', items: [goalSummary({ goal })] }),
  };
}
