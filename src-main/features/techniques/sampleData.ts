import type { Kysely } from 'kysely';
import type { TechniqueCategory } from './contract';
import type { DB } from '../../db/schema';
import type { SampleContext, SampleText } from '../../kernel/sampleContext';
import { findTechniqueByName, insertTechnique } from './repository';

export interface SampleTechnique {
  id: number;
  /** Its English name, whatever the sample's language: what other sample data calls it by. */
  key: string;
  name: string;
  description: string;
  /** Probability that a decided (won or lost) sale using only this technique is won. */
  winRate: number;
  /** How often sellers reach for it. */
  popularity: number;
  /** How it shapes a deal beyond its win rate: introduces a referred customer, or cuts the price. */
  effect?: 'referral' | 'discount';
  /** Its key in the starter set (starter.ts) when it is one of those. */
  starter?: string;
}

interface TechniqueSpec extends Omit<SampleTechnique, 'id' | 'key' | 'name' | 'description'> {
  name: SampleText;
  description: SampleText;
  category: TechniqueCategory;
  steps: readonly SampleText[];
  source: SampleText;
}

/**
 * The sample seller's techniques, with deliberately different win rates so the technique
 * journal has a finding to show. They average about 0.7, which with ~15% open deals gives ~60%
 * won and ~25% lost overall. The first two are of the starter set, named as it names them.
 */
const TECHNIQUES: readonly TechniqueSpec[] = [
  {
    name: { en: 'SPIN questions', it: 'Domande SPIN' },
    description: {
      en: 'Situation, problem, implication and need-payoff questions before any pitch.',
      it: 'Domande su situazione, problema, implicazioni e benefici prima di qualsiasi proposta.',
    },
    category: 'discovery',
    steps: [
      { en: 'Ask how they work today (situation).', it: 'Chiedi come lavorano oggi (situazione).' },
      { en: 'Find what goes wrong (problem).', it: 'Scopri che cosa non funziona (problema).' },
      {
        en: 'Ask what it costs them: time, money, customers (implication).',
        it: 'Chiedi quanto costa loro: tempo, soldi, clienti (implicazioni).',
      },
      {
        en: 'Let them say what solving it would be worth (need-payoff).',
        it: 'Fai dire a loro quanto varrebbe risolverlo (benefici).',
      },
    ],
    source: { en: 'Neil Rackham, SPIN Selling (1988)', it: 'Neil Rackham, «SPIN Selling» (1988)' },
    starter: 'spin',
    winRate: 0.84,
    popularity: 1,
  },
  {
    name: { en: 'Referral introduction', it: 'Presentazione da referenza' },
    description: {
      en: 'A satisfied customer introduces the prospect.',
      it: 'Un cliente soddisfatto presenta il potenziale cliente.',
    },
    category: 'prospecting',
    steps: [
      {
        en: 'After a good check-in, ask who else has the same problem.',
        it: 'Dopo un check-in andato bene, chiedi chi altro ha lo stesso problema.',
      },
      {
        en: 'Ask them to write the introduction email themselves.',
        it: 'Chiedi che sia il cliente a scrivere l’email di presentazione.',
      },
      {
        en: 'Call within a week and thank the referrer.',
        it: 'Chiama entro una settimana e ringrazia chi ti ha presentato.',
      },
    ],
    source: {
      en: 'A colleague at the regional trade association',
      it: 'Un collega dell’associazione di categoria regionale',
    },
    starter: 'referral_ask',
    winRate: 0.8,
    popularity: 0.5,
    effect: 'referral',
  },
  {
    name: { en: 'Tailored demo', it: 'Demo personalizzata' },
    description: {
      en: "A demo built around the prospect's own data and workflow.",
      it: 'Una demo costruita sui dati e sul modo di lavorare del cliente.',
    },
    category: 'presentation',
    steps: [
      {
        en: 'Ask for a sample of their real data beforehand.',
        it: 'Fatti mandare prima un campione dei loro dati reali.',
      },
      {
        en: 'Show only the three workflows they mentioned.',
        it: 'Mostra solo i tre flussi di lavoro di cui hanno parlato.',
      },
      { en: 'Let them drive for the last ten minutes.', it: 'Negli ultimi dieci minuti lascia guidare loro.' },
    ],
    source: { en: 'My own experience with the Enterprise suite', it: 'Esperienza personale con la Suite Enterprise' },
    winRate: 0.74,
    popularity: 1,
  },
  {
    name: { en: 'Free trial', it: 'Prova gratuita' },
    description: { en: 'Two weeks of use before committing.', it: 'Due settimane di prova prima di decidere.' },
    category: 'presentation',
    steps: [
      {
        en: 'Agree up front what a successful trial looks like.',
        it: 'Concorda prima che cosa vuol dire una prova riuscita.',
      },
      { en: 'Check in on day three and day ten.', it: 'Fai il punto il terzo e il decimo giorno.' },
    ],
    source: { en: 'The vendor’s partner programme', it: 'Il programma partner del fornitore' },
    winRate: 0.67,
    popularity: 0.7,
  },
  {
    name: { en: 'Urgency close', it: 'Chiusura sulla scadenza' },
    description: {
      en: 'A deadline: price list change, limited slots.',
      it: 'Una scadenza: cambio di listino, posti limitati.',
    },
    category: 'closing',
    steps: [
      { en: 'Name a real date and what changes after it.', it: 'Indica una data vera e che cosa cambia dopo.' },
      { en: 'Never invent a deadline.', it: 'Non inventare mai una scadenza.' },
    ],
    source: { en: 'A sales seminar in Milan, 2023', it: 'Un seminario di vendita a Milano, 2023' },
    winRate: 0.56,
    popularity: 0.8,
  },
  {
    name: { en: 'Discount close', it: 'Chiusura con sconto' },
    description: { en: 'A discount to get the signature now.', it: 'Uno sconto per avere la firma subito.' },
    category: 'negotiation',
    steps: [
      {
        en: 'Offer it only in exchange for something: a date, a longer term.',
        it: 'Concedilo solo in cambio di qualcosa: una data, una durata più lunga.',
      },
    ],
    source: {
      en: 'An old habit from my first sales job',
      it: 'Una vecchia abitudine del mio primo lavoro da venditore',
    },
    winRate: 0.45,
    popularity: 0.9,
    effect: 'discount',
  },
];

/**
 * The sample seller's techniques, in the sample's language. Reuses what the seller already has
 * under the same (NOCASE-unique) name, leaving it as it is; returns them in catalogue order and
 * how many it added. Draws nothing from the random stream.
 */
export async function generateSampleTechniques(
  db: Kysely<DB>,
  ctx: SampleContext,
  createdAt: string,
): Promise<{ techniques: SampleTechnique[]; added: number }> {
  let added = 0;
  const techniques: SampleTechnique[] = [];
  for (const spec of TECHNIQUES) {
    const { name: names, description: descriptions, category, steps, source, ...rest } = spec;
    const [name, description] = [ctx.say(names), ctx.say(descriptions)];
    let id = (await findTechniqueByName(db, name))?.id;
    if (id === undefined) {
      id = (
        await insertTechnique(db, {
          name,
          description,
          category,
          steps: steps.map(ctx.say),
          source: ctx.say(source),
          starter: spec.starter ?? null,
          createdAt,
        })
      ).id;
      added++;
    }
    techniques.push({ ...rest, id, key: names.en, name, description });
  }
  return { techniques, added };
}
