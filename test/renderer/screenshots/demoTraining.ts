import type { Product } from '../../../src-main/features/catalog/contract';
import type { Customer } from '../../../src-main/features/customers/contract';
import type { Settings } from '../../../src-main/features/settings/contract';
import type { TrainingNote, TrainingSubject } from '../../../src-main/features/training/contract';
import type { ParsedInput } from '../../../src-main/shared/api';
import { AppError } from '../../../src-main/kernel/errors';
import type { FakeHandlers } from '../fakeApi';

/*
 * Training notes for the screenshots, in the seller's language, on the demo book's products
 * (a lighting and services business) and its customers' segments and industries, with fake
 * handlers that keep one note per product and per group as the backend does.
 */

type Language = Settings['language'];
type Text = Readonly<Record<Language, string>>;

interface DemoNote {
  subject: TrainingSubject;
  /** The product's name, or the segment's or industry's. */
  about: string;
  features?: Text;
  benefits?: Text;
  pricing?: Text;
  who?: Text;
  caresAbout?: Text;
  whatWorks?: Text;
  objections: readonly { objection: Text; answer: Text }[];
  body?: Text;
  updatedAt: string;
}

const NOTES: readonly DemoNote[] = [
  {
    subject: 'product',
    about: 'LED panel kit',
    features: {
      en: '60×60 panels at 4000 K with a flicker-free driver and a five-year warranty; they fit the ceiling grid already there.',
      it: 'Pannelli 60×60 a 4000 K con alimentatore senza sfarfallio e garanzia di cinque anni; si montano nel controsoffitto esistente.',
    },
    benefits: {
      en: 'Half the electricity of fluorescent tubes, no maintenance for years, and a showroom that looks brighter.',
      it: 'Metà dei consumi dei tubi fluorescenti, niente manutenzione per anni e uno showroom più luminoso.',
    },
    pricing: {
      en: 'List price per kit of ten panels; 8% off from five kits. Installation is quoted apart.',
      it: 'Prezzo di listino per kit da dieci pannelli; 8% di sconto da cinque kit. L’installazione si quota a parte.',
    },
    objections: [
      {
        objection: { en: 'The cost up front is high.', it: 'Il costo iniziale è alto.' },
        answer: {
          en: 'Show the payback: about fourteen months for a shop open ten hours a day.',
          it: 'Mostra il rientro: circa quattordici mesi per un negozio aperto dieci ore al giorno.',
        },
      },
      {
        objection: { en: 'We only just replaced our tubes.', it: 'Abbiamo appena cambiato i tubi.' },
        answer: {
          en: 'Offer the kit for the next refit and book a call in spring.',
          it: 'Proponi il kit per la prossima ristrutturazione e fissa una chiamata in primavera.',
        },
      },
    ],
    body: {
      en: 'Bring **one panel** to the visit: seeing it lit convinces more than the data sheet.',
      it: 'Porta **un pannello** alla visita: vederlo acceso convince più della scheda tecnica.',
    },
    updatedAt: '2025-10-14T16:20:00.000Z',
  },
  {
    subject: 'product',
    about: 'Maintenance plan',
    features: {
      en: 'Two visits a year, a call-out within 48 hours, spare parts at 15% off.',
      it: 'Due visite all’anno, intervento entro 48 ore, ricambi scontati del 15%.',
    },
    benefits: {
      en: 'No surprises in the busy season, and one invoice a year.',
      it: 'Nessuna sorpresa nella stagione di punta, e una sola fattura all’anno.',
    },
    pricing: {
      en: 'Yearly, paid up front; offer the renewal a month before it ends.',
      it: 'Annuale, pagato in anticipo; proponi il rinnovo un mese prima della scadenza.',
    },
    objections: [
      {
        objection: {
          en: 'We call an electrician when something breaks.',
          it: 'Quando si rompe qualcosa chiamiamo un elettricista.',
        },
        answer: {
          en: 'Ask how long the last breakdown kept the shop dark, and what it cost them.',
          it: 'Chiedi quanto è rimasto al buio il negozio l’ultima volta, e quanto è costato.',
        },
      },
    ],
    updatedAt: '2025-09-02T09:10:00.000Z',
  },
  {
    subject: 'product',
    about: 'Training workshop',
    features: {
      en: 'Half a day on site for up to eight people: the lighting controls, the app, and what to do when a panel fails.',
      it: 'Mezza giornata in sede fino a otto persone: i comandi delle luci, l’app e cosa fare se un pannello si guasta.',
    },
    benefits: {
      en: 'Staff use the scenes they paid for instead of leaving everything on.',
      it: 'Il personale usa gli scenari che hanno pagato invece di lasciare tutto acceso.',
    },
    objections: [],
    updatedAt: '2025-06-20T11:00:00.000Z',
  },
  {
    subject: 'segment',
    about: 'SMB',
    who: {
      en: 'Owners of shops and studios with up to twenty people; they decide alone and quickly.',
      it: 'Titolari di negozi e studi fino a venti persone; decidono da soli e in fretta.',
    },
    caresAbout: {
      en: 'A clear price, no surprises on the bill, and work done outside opening hours.',
      it: 'Un prezzo chiaro, nessuna sorpresa in fattura e lavori fuori dall’orario di apertura.',
    },
    whatWorks: {
      en: 'A visit with a sample panel, a quote within two days, and a referral from a shop nearby.',
      it: 'Una visita con un pannello di prova, il preventivo entro due giorni e una referenza di un negozio vicino.',
    },
    objections: [
      {
        objection: { en: 'I have to think about it.', it: 'Ci devo pensare.' },
        answer: {
          en: 'Ask what they would need to see to decide, and book the next step before leaving.',
          it: 'Chiedi cosa servirebbe per decidere e fissa il passo successivo prima di andare via.',
        },
      },
    ],
    updatedAt: '2025-11-03T17:45:00.000Z',
  },
  {
    subject: 'segment',
    about: 'Enterprise',
    who: {
      en: 'Chains and offices with a facilities manager, purchasing and a budget set a year ahead.',
      it: 'Catene e uffici con un responsabile tecnico, un ufficio acquisti e un budget deciso un anno prima.',
    },
    caresAbout: {
      en: 'Energy figures for the sustainability report, a single supplier for every site, and references.',
      it: 'I dati sui consumi per il bilancio di sostenibilità, un solo fornitore per tutte le sedi e le referenze.',
    },
    whatWorks: {
      en: 'A pilot on one site with measured savings, then a plan for the rest.',
      it: 'Una prova in una sede con i risparmi misurati, poi un piano per le altre.',
    },
    objections: [],
    updatedAt: '2025-08-11T10:30:00.000Z',
  },
  {
    subject: 'industry',
    about: 'Retail',
    who: {
      en: 'Shops and small chains; the owner or the store manager decides.',
      it: 'Negozi e piccole catene; decide il titolare o il responsabile del punto vendita.',
    },
    caresAbout: {
      en: 'How the goods look under the light, and no work between October and January.',
      it: 'Come appare la merce sotto la luce, e nessun lavoro tra ottobre e gennaio.',
    },
    whatWorks: {
      en: 'Call in February, show before-and-after photos from a shop like theirs.',
      it: 'Chiamare a febbraio e mostrare le foto prima e dopo di un negozio simile al loro.',
    },
    objections: [],
    updatedAt: '2025-10-01T08:15:00.000Z',
  },
  {
    subject: 'industry',
    about: 'Hospitality',
    who: {
      en: 'Hotels and restaurants, often family-run.',
      it: 'Hotel e ristoranti, spesso a conduzione familiare.',
    },
    caresAbout: {
      en: 'Warm light in the rooms, and no work in the high season.',
      it: 'Luce calda nelle camere, e nessun lavoro in alta stagione.',
    },
    whatWorks: {
      en: 'Visit between November and March; talk about the guests’ reviews, not watts.',
      it: 'Andarli a trovare tra novembre e marzo; parlare delle recensioni degli ospiti, non di watt.',
    },
    objections: [],
    updatedAt: '2025-07-07T15:00:00.000Z',
  },
];

export function demoTrainingNotes(language: Language, products: readonly Product[], empty: boolean): TrainingNote[] {
  if (empty) return [];
  const say = (text: Text | undefined): string | null => (text ? text[language] : null);
  return NOTES.map((n, index) => {
    const product = n.subject === 'product' ? products.find((p) => p.name === n.about)! : null;
    return {
      id: index + 1,
      subject: n.subject,
      product: product && { id: product.id, name: product.name },
      name: n.subject === 'product' ? null : n.about,
      features: say(n.features),
      benefits: say(n.benefits),
      pricing: say(n.pricing),
      who: say(n.who),
      caresAbout: say(n.caresAbout),
      whatWorks: say(n.whatWorks),
      objections: n.objections.map((o) => ({ objection: o.objection[language], answer: o.answer[language] })),
      body: say(n.body) ?? '',
      updatedAt: n.updatedAt,
    };
  });
}

/** The training handlers over `notes` (changed in place, as the other demo handlers do). */
export function demoTrainingHandlers(
  notes: TrainingNote[],
  products: readonly Product[],
  customers: readonly Customer[],
): FakeHandlers {
  const same = (a: string | null, b: string | null): boolean =>
    a !== null && b !== null && a.trim().toLowerCase() === b.trim().toLowerCase();
  const toNote = (id: number, input: ParsedInput<'training.create'>): TrainingNote => {
    const clash = notes.find(
      (n) =>
        n.id !== id &&
        n.subject === input.subject &&
        (input.subject === 'product' ? n.product?.id === input.productId : same(n.name, input.name)),
    );
    if (clash)
      throw new AppError(
        'conflict',
        `training.failures.${input.subject}Taken`,
        [
          {
            path: input.subject === 'product' ? 'productId' : 'name',
            message: `training.errors.${input.subject}Taken`,
          },
        ],
        { id: clash.id, name: clash.product?.name ?? clash.name ?? '' },
      );
    const product = products.find((p) => p.id === input.productId);
    return {
      id,
      subject: input.subject,
      product: product ? { id: product.id, name: product.name } : null,
      name: input.subject === 'product' ? null : input.name,
      features: input.features,
      benefits: input.benefits,
      pricing: input.pricing,
      who: input.who,
      caresAbout: input.caresAbout,
      whatWorks: input.whatWorks,
      objections: input.objections,
      body: input.body,
      updatedAt: new Date().toISOString(),
    };
  };
  const order = { product: 0, segment: 1, industry: 2 };
  const sorted = (): TrainingNote[] =>
    [...notes].sort(
      (a, b) =>
        order[a.subject] - order[b.subject] ||
        (a.product?.name ?? a.name ?? '').localeCompare(b.product?.name ?? b.name ?? ''),
    );
  const distinct = (values: (string | null)[]): string[] =>
    [...new Set(values.filter((v): v is string => !!v))].sort((a, b) => a.localeCompare(b));
  return {
    'training.list': (q) => sorted().filter((n) => !q?.subject || n.subject === q.subject),
    'training.get': ({ id }) => notes.find((n) => n.id === id)!,
    'training.create': (input) => {
      const note = toNote(Math.max(0, ...notes.map((n) => n.id)) + 1, input);
      notes.push(note);
      return note;
    },
    'training.update': ({ id, note }) => {
      const updated = toNote(id, note);
      notes.splice(
        notes.findIndex((n) => n.id === id),
        1,
        updated,
      );
      return updated;
    },
    'training.delete': ({ id }) => {
      notes.splice(
        notes.findIndex((n) => n.id === id),
        1,
      );
      return { id };
    },
    'training.forSale': ({ productId, customerId }) => {
      const customer = customers.find((c) => c.id === customerId);
      return [
        notes.find((n) => productId !== null && n.product?.id === productId),
        notes.find((n) => n.subject === 'segment' && same(n.name, customer?.segment ?? null)),
        notes.find((n) => n.subject === 'industry' && same(n.name, customer?.industry ?? null)),
      ].filter((n): n is TrainingNote => n !== undefined);
    },
    'training.groups': () => ({
      segments: distinct(customers.map((c) => c.segment)),
      industries: distinct(customers.map((c) => c.industry)),
    }),
  };
}
