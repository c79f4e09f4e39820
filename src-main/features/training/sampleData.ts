import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { type SampleContext, type SampleText } from '../../kernel/sampleContext';
import { dayNumberToIso } from '../../shared/dates';
import type { SampleCatalog } from '../catalog';
import { sampleIndustry, sampleSegment } from '../customers';
import { groupNotes, insertNote, noteOfProduct } from './repository';

interface ObjectionSpec {
  objection: SampleText;
  answer: SampleText;
}

/** A product's note: the product by its key in the sample price list (its English name). */
interface ProductNoteSpec {
  product: string;
  features: SampleText;
  benefits: SampleText;
  pricing: SampleText;
  objections: readonly ObjectionSpec[];
  body?: SampleText;
}

/** A segment's or industry's note: the group by its English name in the sample customers. */
interface GroupNoteSpec {
  subject: 'segment' | 'industry';
  group: string;
  who: SampleText;
  caresAbout: SampleText;
  whatWorks: SampleText;
  objections: readonly ObjectionSpec[];
}

const PRODUCT_NOTES: readonly ProductNoteSpec[] = [
  {
    product: 'Professional subscription',
    features: {
      en: 'Up to 25 users, a shared pipeline and calendar, reports by product and region, the mobile app, daily backups kept for 30 days.',
      it: 'Fino a 25 utenti, pipeline e calendario condivisi, report per prodotto e per zona, l’app per il telefono, backup giornalieri conservati per 30 giorni.',
    },
    benefits: {
      en: 'The team stops keeping deals in spreadsheets: everyone sees the same pipeline, and the owner gets a weekly report without asking for it. Most customers say they save half a day a week on reporting.',
      it: 'Il gruppo smette di tenere le trattative nei fogli di calcolo: tutti vedono la stessa pipeline e il titolare riceve un report ogni settimana senza doverlo chiedere. Quasi tutti i clienti dicono di risparmiare mezza giornata a settimana sui report.',
    },
    pricing: {
      en: 'List price per year; 10% off when two years are paid up front. Moving up from Essentials: credit the unused months. Never more than 15% off without the owner’s approval.',
      it: 'Prezzo di listino annuale; 10% di sconto pagando due anni in anticipo. Chi passa da Essential: si scalano i mesi non usati. Mai più del 15% di sconto senza l’approvazione del titolare.',
    },
    objections: [
      {
        objection: { en: 'It costs more than Essentials.', it: 'Costa più dell’Essential.' },
        answer: {
          en: 'Compare per user: from six users up, Professional costs less per person, and the reports alone replace the monthly spreadsheet work.',
          it: 'Confrontiamo il costo per utente: da sei utenti in su il Professional costa meno a persona, e i soli report sostituiscono il lavoro mensile sui fogli di calcolo.',
        },
      },
      {
        objection: { en: 'We would have to move all our data.', it: 'Dovremmo spostare tutti i nostri dati.' },
        answer: {
          en: 'The onboarding package brings in their customers and open deals from a CSV export; it takes a morning, and we do it together.',
          it: 'Con il pacchetto di avviamento importiamo clienti e trattative aperte da un file CSV; basta una mattina e lo facciamo insieme.',
        },
      },
      {
        objection: { en: 'We’re not sure the team will use it.', it: 'Non sappiamo se il gruppo lo userà davvero.' },
        answer: {
          en: 'Offer a 30-day pilot with two people, then look at the use together before everyone starts.',
          it: 'Proponi una prova di 30 giorni con due persone, poi guardate insieme quanto l’hanno usato prima di estenderlo a tutti.',
        },
      },
    ],
    body: {
      en: 'Before the demo, ask for a few rows of their customer list: a demo with **their own names** convinces more than any slide.',
      it: 'Prima della demo chiedi qualche riga del loro elenco clienti: una demo con **i loro nomi** convince più di qualsiasi slide.',
    },
  },
  {
    product: 'Enterprise suite',
    features: {
      en: 'Unlimited users, single sign-on, approval workflows, an API for the ERP, a test environment and a named account manager.',
      it: 'Utenti illimitati, accesso unico (single sign-on), flussi di approvazione, API per il gestionale, un ambiente di prova e un referente dedicato.',
    },
    benefits: {
      en: 'One system from quote to invoice: fewer hand-offs between sales and accounts, and an audit trail that IT and finance accept.',
      it: 'Un solo sistema dal preventivo alla fattura: meno passaggi tra commerciale e amministrazione, e una traccia delle modifiche che l’IT e la finanza accettano.',
    },
    pricing: {
      en: 'Yearly price by company size; the set-up is quoted apart (usually a custom integration). Multi-year deals: up to 8% off, never free months.',
      it: 'Prezzo annuale in base alle dimensioni dell’azienda; l’avviamento si quota a parte (di solito un’integrazione su misura). Contratti pluriennali: fino all’8% di sconto, mai mesi gratuiti.',
    },
    objections: [
      {
        objection: {
          en: 'IT has to approve any new system.',
          it: 'Ogni nuovo sistema deve essere approvato dall’IT.',
        },
        answer: {
          en: 'Bring IT in early: send the security sheet and offer a call with our technical lead before the demo.',
          it: 'Coinvolgi l’IT da subito: manda la scheda sulla sicurezza e proponi una chiamata con il nostro tecnico prima della demo.',
        },
      },
      {
        objection: {
          en: 'Our budget year only starts in January.',
          it: 'Il nostro budget riparte solo a gennaio.',
        },
        answer: {
          en: 'Sign now with a January start: the set-up runs in December and they go live on the first working day.',
          it: 'Si firma ora con partenza a gennaio: l’avviamento si fa a dicembre e si parte il primo giorno lavorativo.',
        },
      },
    ],
  },
  {
    product: 'Premium support',
    features: {
      en: 'Phone support from 8 to 20 on working days, an answer within two hours, a check of their set-up every quarter.',
      it: 'Assistenza telefonica dalle 8 alle 20 nei giorni lavorativi, risposta entro due ore, un controllo della configurazione ogni trimestre.',
    },
    benefits: {
      en: 'Less downtime in their busy season, and nobody on their staff has to become the expert.',
      it: 'Meno fermi nella stagione di punta, e nessuno del loro personale deve diventare l’esperto di turno.',
    },
    pricing: {
      en: '20% of the software licence per year. Offer it with the renewal, not with the first sale.',
      it: 'Il 20% della licenza software all’anno. Proponila al rinnovo, non alla prima vendita.',
    },
    objections: [
      {
        objection: { en: 'We have never needed support.', it: 'Non abbiamo mai avuto bisogno di assistenza.' },
        answer: {
          en: 'Ask what happened the last time something stopped in their busy season, and how long it took to fix.',
          it: 'Chiedi cosa è successo l’ultima volta che qualcosa si è bloccato nel periodo di punta, e quanto ci è voluto per risolvere.',
        },
      },
    ],
  },
];

const GROUP_NOTES: readonly GroupNoteSpec[] = [
  {
    subject: 'segment',
    group: 'Small business',
    who: {
      en: 'Owners of firms with one to twenty people, who decide alone and quickly. They buy from someone they trust, often through a referral.',
      it: 'Titolari di aziende da una a venti persone, che decidono da soli e in fretta. Comprano da chi conoscono, spesso grazie a un passaparola.',
    },
    caresAbout: {
      en: 'A clear price up front, no surprises, and that it works on day one: they have no IT department.',
      it: 'Un prezzo chiaro da subito, nessuna sorpresa, e che funzioni dal primo giorno: non hanno un reparto IT.',
    },
    whatWorks: {
      en: 'A short demo on their own data, a simple monthly price, and a call a week after they start. Referral introductions close faster than cold calls.',
      it: 'Una demo breve sui loro dati, un prezzo mensile semplice e una telefonata una settimana dopo l’avvio. Le presentazioni tramite referenze si chiudono prima delle chiamate a freddo.',
    },
    objections: [
      {
        objection: { en: 'I don’t have time to set it up.', it: 'Non ho tempo per configurarlo.' },
        answer: {
          en: 'We set it up together in one session: they bring the customer list, we do the rest.',
          it: 'Lo configuriamo insieme in una sola sessione: loro portano l’elenco clienti, al resto pensiamo noi.',
        },
      },
    ],
  },
  {
    subject: 'segment',
    group: 'Enterprise',
    who: {
      en: 'Companies of 250 people and more, buying as a committee: a sponsor in sales, IT, purchasing and finance.',
      it: 'Aziende da 250 persone in su, che comprano in commissione: un promotore nel commerciale, l’IT, gli acquisti e la finanza.',
    },
    caresAbout: {
      en: 'Security, fitting in with what they already run, references from companies like them, and a plan for the roll-out.',
      it: 'Sicurezza, integrazione con i sistemi che hanno già, referenze di aziende simili e un piano per l’introduzione.',
    },
    whatWorks: {
      en: 'SPIN questions with the sponsor first, then a tailored demo for the committee. Expect three to six months, and keep a shared plan with dates.',
      it: 'Prima le domande SPIN con il promotore, poi una demo su misura per la commissione. Servono da tre a sei mesi: tenete un piano condiviso con le date.',
    },
    objections: [
      {
        objection: { en: 'Purchasing wants three quotes.', it: 'L’ufficio acquisti vuole tre preventivi.' },
        answer: {
          en: 'Help the sponsor write the requirements; ask which criteria weigh most and show how we meet each one.',
          it: 'Aiuta il promotore a scrivere i requisiti; chiedi quali criteri pesano di più e mostra come li soddisfiamo uno per uno.',
        },
      },
    ],
  },
  {
    subject: 'industry',
    group: 'Retail',
    who: {
      en: 'Shops and small chains; the owner or the store manager decides.',
      it: 'Negozi e piccole catene; decide il titolare o il responsabile del punto vendita.',
    },
    caresAbout: {
      en: 'The seasons: nothing changes between October and January. Staff come and go, so it must be quick to learn.',
      it: 'Le stagioni: tra ottobre e gennaio non si cambia nulla. Il personale cambia spesso, quindi deve essere facile da imparare.',
    },
    whatWorks: {
      en: 'Call in February or March, show the mobile app on the shop floor, and offer onboarding for the whole staff.',
      it: 'Chiamare a febbraio o marzo, mostrare l’app sul telefono direttamente in negozio e proporre l’avviamento per tutto il personale.',
    },
    objections: [],
  },
  {
    subject: 'industry',
    group: 'Hospitality',
    who: {
      en: 'Hotels, restaurants and caterers, often family-run.',
      it: 'Hotel, ristoranti e catering, spesso a conduzione familiare.',
    },
    caresAbout: {
      en: 'The high season: they will not try anything new between June and September. Reviews and returning guests.',
      it: 'L’alta stagione: tra giugno e settembre non provano niente di nuovo. Le recensioni e i clienti che tornano.',
    },
    whatWorks: {
      en: 'Visit in the quiet months, November to March; keep the demo short and talk about returning guests rather than reports.',
      it: 'Andarli a trovare nei mesi tranquilli, da novembre a marzo; demo breve, e parlare dei clienti che tornano più che dei report.',
    },
    objections: [
      {
        objection: { en: 'Call us back after the summer.', it: 'Ci risentiamo dopo l’estate.' },
        answer: {
          en: 'Agree a date in October there and then, and send a short summary so they remember what it was about.',
          it: 'Fissa subito una data a ottobre e manda un breve riepilogo, così ricordano di cosa si parlava.',
        },
      },
    ],
  },
  {
    subject: 'industry',
    group: 'Manufacturing',
    who: {
      en: 'Small and mid-sized manufacturers selling to other businesses; the sales manager and the owner decide together.',
      it: 'Piccole e medie aziende manifatturiere che vendono ad altre aziende; decidono insieme il direttore commerciale e il titolare.',
    },
    caresAbout: {
      en: 'Long quotes, reorders, and keeping the technical office and sales in step.',
      it: 'Preventivi lunghi, riordini, e tenere allineati ufficio tecnico e commerciale.',
    },
    whatWorks: {
      en: 'Show quotes and reorders with their own products; an integration with their ERP often decides the deal.',
      it: 'Mostrare preventivi e riordini con i loro prodotti; spesso a decidere la trattativa è l’integrazione con il loro gestionale.',
    },
    objections: [],
  },
];

/**
 * The sample seller's training notes: on three of the sample products, and on segments and
 * industries the sample customers carry, in the sample's language. Draws nothing from the
 * random stream. A product or group that already has a note (the seller's own) keeps it.
 */
export async function generateSampleTraining(
  db: Kysely<DB>,
  ctx: SampleContext,
  catalog: SampleCatalog,
): Promise<number> {
  // Written a month before the sample's end, at a fixed hour (never after the real clock).
  const written = `${dayNumberToIso(ctx.endDay - 30)}T17:30:00.000Z`;
  const at = written < ctx.now.toISOString() ? written : ctx.now.toISOString();
  const objections = (list: readonly ObjectionSpec[]): string =>
    JSON.stringify(list.map((o) => ({ objection: ctx.say(o.objection), answer: ctx.say(o.answer) })));
  const common = { sample: 1, body: '', created_at: at, updated_at: at } as const;
  let added = 0;

  for (const spec of PRODUCT_NOTES) {
    const product = catalog.products.find((p) => p.key === spec.product);
    if (!product || (await noteOfProduct(db, product.id))) continue;
    await insertNote(db, {
      ...common,
      subject: 'product',
      product_id: product.id,
      name: null,
      features: ctx.say(spec.features),
      benefits: ctx.say(spec.benefits),
      pricing: ctx.say(spec.pricing),
      objections: objections(spec.objections),
      body: spec.body ? ctx.say(spec.body) : '',
    });
    added++;
  }
  for (const spec of GROUP_NOTES) {
    const name = ctx.say(spec.subject === 'segment' ? sampleSegment(spec.group) : sampleIndustry(spec.group));
    const taken = (await groupNotes(db, spec.subject)).some((n) => n.name!.toLowerCase() === name.toLowerCase());
    if (taken) continue;
    await insertNote(db, {
      ...common,
      subject: spec.subject,
      product_id: null,
      name,
      who: ctx.say(spec.who),
      cares_about: ctx.say(spec.caresAbout),
      what_works: ctx.say(spec.whatWorks),
      objections: objections(spec.objections),
    });
    added++;
  }
  return added;
}
