import { sql, type Kysely } from 'kysely';
import type { JournalOutcome } from './contract';
import type { DB } from '../../db/schema';
import { DAY_MS, type SampleContext, type SampleText } from '../../kernel/sampleContext';
import { addDays, dayNumberToIso, isoToDayNumber } from '../../shared/dates';
import type { SampleCatalog } from '../catalog';
import { insertEntry } from './repository';

/**
 * One entry of the sample seller's journal. It is about a deal like the ones the sample holds:
 * of `product`, using every one of `techniques` (sample techniques by English name), that ended
 * `status` about `monthsAgo` months before the sample's end. The closest such sample deal is
 * linked (with its customer); without one the entry stands alone.
 */
interface EntrySpec {
  monthsAgo: number;
  techniques: readonly string[];
  /** The deal it is about; none for a general note. */
  deal?: { product: string; status: 'won' | 'lost' | 'open' };
  outcome: JournalOutcome | null;
  confidence: number | null;
  tags: readonly SampleText[];
  title: SampleText;
  situation?: SampleText;
  action?: SampleText;
  learned?: SampleText;
  nextTime?: SampleText;
  body?: SampleText;
}

const TAG = {
  discovery: { en: 'discovery', it: 'analisi' },
  enterprise: { en: 'enterprise', it: 'grandi aziende' },
  price: { en: 'price', it: 'prezzo' },
  discount: { en: 'discount', it: 'sconto' },
  demo: { en: 'demo', it: 'demo' },
  referral: { en: 'referral', it: 'referenze' },
  closing: { en: 'closing', it: 'chiusura' },
  trial: { en: 'trial', it: 'prova' },
  learning: { en: 'learning', it: 'formazione' },
  smallBusiness: { en: 'small business', it: 'piccole imprese' },
  review: { en: 'review', it: 'bilancio' },
} satisfies Record<string, SampleText>;

const SPIN = 'SPIN questions';
const REFERRAL = 'Referral introduction';
const DEMO = 'Tailored demo';
const TRIAL = 'Free trial';
const URGENCY = 'Urgency close';
const DISCOUNT = 'Discount close';

const ENTRIES: readonly EntrySpec[] = [
  {
    monthsAgo: 20,
    techniques: [SPIN],
    deal: { product: 'Enterprise suite', status: 'won' },
    outcome: 'worked',
    confidence: 4,
    tags: [TAG.discovery, TAG.enterprise],
    title: {
      en: 'Discovery with the operations director: let them do the maths',
      it: 'Analisi con il direttore operativo: lasciare che i conti li faccia lui',
    },
    situation: {
      en: 'First real meeting. They had already seen two competitors and expected a price from me.',
      it: 'Primo incontro vero. Avevano già visto due concorrenti e si aspettavano un prezzo da me.',
    },
    action: {
      en: 'No slides. Twenty minutes of SPIN questions on how orders move between the warehouse and the office.',
      it: 'Niente slide. Venti minuti di domande SPIN su come passano gli ordini tra magazzino e ufficio.',
    },
    learned: {
      en: 'When they work out the cost of the problem themselves, the price discussion is half as long.',
      it: 'Quando il costo del problema lo calcolano loro, la discussione sul prezzo dura la metà.',
    },
    nextTime: {
      en: 'Prepare three implication questions for each product line before the meeting.',
      it: 'Preparare tre domande sulle implicazioni per ogni linea di prodotto prima dell’incontro.',
    },
    body: {
      en:
        'Their numbers, not mine:\n\n' +
        '- **3 people** re-typing orders every morning\n' +
        '- about **40 errors a month** reaching customers\n' +
        '- the owner answers the angry calls himself\n\n' +
        'Background reading that helped: [SPIN selling](https://en.wikipedia.org/wiki/SPIN_selling).',
      it:
        'I loro numeri, non i miei:\n\n' +
        '- **3 persone** che ribattono gli ordini ogni mattina\n' +
        '- circa **40 errori al mese** che arrivano ai clienti\n' +
        '- il titolare risponde di persona alle telefonate arrabbiate\n\n' +
        'Una lettura che mi è servita: [SPIN selling](https://en.wikipedia.org/wiki/SPIN_selling) (voce in inglese).',
    },
  },
  {
    monthsAgo: 17,
    techniques: [DISCOUNT],
    deal: { product: 'Professional subscription', status: 'lost' },
    outcome: 'didnt',
    confidence: 2,
    tags: [TAG.price, TAG.discount],
    title: { en: 'Gave 15% away too early', it: 'Concesso il 15% troppo presto' },
    situation: {
      en: 'A small subscription deal; the buyer said the budget was tight.',
      it: 'Un abbonamento piccolo; l’acquirente diceva che il budget era stretto.',
    },
    action: {
      en: 'Offered 15% off in the first call to speed things up.',
      it: 'Ho offerto il 15% di sconto già alla prima telefonata, per accelerare.',
    },
    learned: {
      en: 'The discount became the starting point: they asked for 25% and then chose a cheaper tool anyway.',
      it: 'Lo sconto è diventato il punto di partenza: hanno chiesto il 25% e poi hanno scelto comunque uno strumento più economico.',
    },
    nextTime: {
      en: 'Give a discount only in exchange for something: a longer term or a firm date.',
      it: 'Concedere uno sconto solo in cambio di qualcosa: una durata più lunga o una data certa.',
    },
    body: {
      en: '**Never** open with the discount again.',
      it: '**Mai più** aprire con lo sconto.',
    },
  },
  {
    monthsAgo: 15,
    techniques: [DEMO],
    deal: { product: 'Custom integration', status: 'won' },
    outcome: 'worked',
    confidence: 5,
    tags: [TAG.demo],
    title: { en: 'Demo on their own price list', it: 'Demo sul loro listino' },
    action: {
      en: 'Loaded 200 rows of their real price list into the demo system the night before.',
      it: 'La sera prima ho caricato 200 righe del loro listino vero nel sistema di prova.',
    },
    learned: {
      en: 'They stopped asking “can it do…?” and started asking “when can we start?”.',
      it: 'Hanno smesso di chiedere «ma si può fare…?» e hanno cominciato a chiedere «quando partiamo?».',
    },
    nextTime: {
      en: 'Ask for sample data as soon as the meeting is booked.',
      it: 'Chiedere dati di esempio appena fissato l’incontro.',
    },
    body: {
      en:
        'What I showed, in this order:\n\n' +
        '1. their price list, imported\n' +
        '2. the order they had complained about, done in three clicks\n' +
        '3. the monthly report the owner wants',
      it:
        'Cosa ho mostrato, in quest’ordine:\n\n' +
        '1. il loro listino, importato\n' +
        '2. l’ordine di cui si lamentavano, fatto in tre clic\n' +
        '3. il report mensile che vuole il titolare',
    },
  },
  {
    monthsAgo: 13,
    techniques: [REFERRAL],
    deal: { product: 'Onboarding package', status: 'won' },
    outcome: 'worked',
    confidence: 4,
    tags: [TAG.referral],
    title: { en: 'Introduced by a happy customer', it: 'Presentato da un cliente contento' },
    situation: {
      en: 'A customer from last spring wrote the introduction email himself.',
      it: 'Un cliente della primavera scorsa ha scritto lui stesso l’email di presentazione.',
    },
    action: {
      en: 'Called within two days and started from exactly what his friend had liked.',
      it: 'Ho chiamato entro due giorni e sono partito proprio da ciò che era piaciuto al suo amico.',
    },
    learned: {
      en: 'A referred prospect skips the trust stage: the first call was already about dates.',
      it: 'Un cliente presentato salta la fase della fiducia: la prima telefonata era già sulle date.',
    },
    nextTime: {
      en: 'Ask for an introduction at every good check-in, not only at the end of the year.',
      it: 'Chiedere una presentazione a ogni check-in andato bene, non solo a fine anno.',
    },
  },
  {
    monthsAgo: 11,
    techniques: [URGENCY],
    deal: { product: 'Premium support', status: 'lost' },
    outcome: 'didnt',
    confidence: 2,
    tags: [TAG.closing, TAG.price],
    title: { en: 'The price-list deadline backfired', it: 'La scadenza del listino si è ritorta contro' },
    situation: {
      en: 'The price list was changing on the 1st and they were still comparing offers.',
      it: 'Il listino cambiava il primo del mese e loro stavano ancora confrontando le offerte.',
    },
    action: {
      en: 'Reminded them of the deadline twice in one week.',
      it: 'Ho ricordato la scadenza due volte nella stessa settimana.',
    },
    learned: {
      en: 'Pressure on a buyer who is still comparing makes them stop answering.',
      it: 'Mettere fretta a chi sta ancora confrontando lo fa smettere di rispondere.',
    },
    nextTime: {
      en: 'Mention a deadline only once they have said yes to the solution.',
      it: 'Parlare di scadenze solo dopo che hanno detto sì alla soluzione.',
    },
  },
  {
    monthsAgo: 10,
    techniques: [TRIAL],
    deal: { product: 'Professional subscription', status: 'won' },
    outcome: 'mixed',
    confidence: 3,
    tags: [TAG.trial],
    title: { en: 'A trial with no success criteria', it: 'Una prova senza criteri di successo' },
    action: {
      en: 'Started a two-week trial the same day, with no agreement on what to test.',
      it: 'Ho avviato una prova di due settimane il giorno stesso, senza accordarci su cosa provare.',
    },
    learned: {
      en: 'They used it for two days and then forgot about it. Won only after a second, guided week.',
      it: 'L’hanno usato per due giorni e poi se ne sono dimenticati. Vinta solo dopo una seconda settimana guidata.',
    },
    nextTime: {
      en: 'Before any trial, write down together the three things it must prove.',
      it: 'Prima di ogni prova, scrivere insieme le tre cose che deve dimostrare.',
    },
    body: {
      en:
        'Checklist for the next trial:\n\n' +
        '- three things it must prove, written down\n' +
        '- a check-in on day 3\n' +
        '- the decision call booked for day 14',
      it:
        'Lista per la prossima prova:\n\n' +
        '- tre cose che deve dimostrare, messe per iscritto\n' +
        '- un check-in il terzo giorno\n' +
        '- la telefonata per decidere già fissata al quattordicesimo giorno',
    },
  },
  {
    monthsAgo: 9,
    techniques: [SPIN],
    outcome: null,
    confidence: null,
    tags: [TAG.learning],
    title: { en: 'Seminar notes: implication questions', it: 'Appunti dal seminario: le domande sulle implicazioni' },
    learned: {
      en: 'Implication questions are the ones I skip most, and the ones that make the need urgent.',
      it: 'Le domande sulle implicazioni sono quelle che salto più spesso, e sono quelle che rendono urgente il bisogno.',
    },
    body: {
      en:
        '## Three questions to reuse\n\n' +
        '1. *What happens when that order is late?*\n' +
        '2. *Who ends up fixing it?*\n' +
        '3. *How often does that happen in a month?*',
      it:
        '## Tre domande da riusare\n\n' +
        '1. *Che cosa succede quando quell’ordine è in ritardo?*\n' +
        '2. *Chi finisce per sistemarlo?*\n' +
        '3. *Quante volte succede in un mese?*',
    },
  },
  {
    monthsAgo: 8,
    techniques: [SPIN],
    deal: { product: 'Training workshop', status: 'lost' },
    outcome: 'didnt',
    confidence: 3,
    tags: [TAG.discovery, TAG.smallBusiness],
    title: { en: 'Too many questions for a small shop', it: 'Troppe domande per un negozio piccolo' },
    situation: {
      en: 'The owner of a small shop wanted a quick answer about the training course.',
      it: 'Il titolare di un piccolo negozio voleva una risposta veloce sul corso di formazione.',
    },
    action: {
      en: 'Went through my full list of SPIN questions anyway.',
      it: 'Ho fatto comunque tutta la mia lista di domande SPIN.',
    },
    learned: {
      en: 'With small businesses, two questions and a clear proposal work better than a long interview.',
      it: 'Con le piccole imprese funzionano meglio due domande e una proposta chiara di un lungo interrogatorio.',
    },
    nextTime: {
      en: 'Keep discovery to five minutes when the buyer is also the user.',
      it: 'Limitare l’analisi a cinque minuti quando chi compra è anche chi usa.',
    },
  },
  {
    monthsAgo: 6,
    techniques: [SPIN, DEMO],
    deal: { product: 'Enterprise suite', status: 'won' },
    outcome: 'worked',
    confidence: 5,
    tags: [TAG.demo, TAG.enterprise],
    title: {
      en: 'Discovery on Monday, tailored demo on Thursday',
      it: 'Analisi il lunedì, demo su misura il giovedì',
    },
    action: {
      en: 'Used the answers from the discovery call to build the demo around their two worst bottlenecks.',
      it: 'Ho usato le risposte dell’analisi per costruire la demo attorno ai loro due colli di bottiglia peggiori.',
    },
    learned: {
      en: 'The two together shortened the cycle: the board approved in the following meeting.',
      it: 'Le due cose insieme hanno accorciato i tempi: il consiglio ha approvato alla riunione successiva.',
    },
    nextTime: {
      en: 'Keep the gap between discovery and demo under a week.',
      it: 'Tenere meno di una settimana tra analisi e demo.',
    },
  },
  {
    monthsAgo: 5,
    techniques: [DISCOUNT],
    deal: { product: 'Hardware kit', status: 'won' },
    outcome: 'mixed',
    confidence: 3,
    tags: [TAG.price, TAG.discount],
    title: { en: 'Won, but at what margin?', it: 'Vinta, ma con che margine?' },
    action: {
      en: 'Closed the hardware kits with 10% off to get the order before the holidays.',
      it: 'Ho chiuso i kit hardware con il 10% di sconto per avere l’ordine prima delle ferie.',
    },
    learned: {
      en: 'They would probably have signed anyway: the purchase was already approved.',
      it: 'Probabilmente avrebbero firmato comunque: l’acquisto era già approvato.',
    },
    nextTime: {
      en: 'Ask whether the budget is approved before putting a discount on the table.',
      it: 'Chiedere se il budget è approvato prima di mettere uno sconto sul tavolo.',
    },
  },
  {
    monthsAgo: 4,
    techniques: [REFERRAL],
    deal: { product: 'Essentials subscription', status: 'lost' },
    outcome: 'didnt',
    confidence: 2,
    tags: [TAG.referral],
    title: { en: 'A referral that was only a favour', it: 'Una presentazione fatta solo per cortesia' },
    situation: {
      en: 'A customer introduced a friend who had no real need this year.',
      it: 'Un cliente mi ha presentato un amico che quest’anno non ne aveva davvero bisogno.',
    },
    learned: {
      en: 'An introduction is not a need: no budget, no project.',
      it: 'Una presentazione non è un bisogno: niente budget, niente progetto.',
    },
    nextTime: {
      en: 'Ask the referrer why they think their contact needs it.',
      it: 'Chiedere a chi presenta perché pensa che al suo contatto serva.',
    },
  },
  {
    monthsAgo: 2,
    techniques: [URGENCY, DEMO],
    deal: { product: 'Custom integration', status: 'open' },
    outcome: null,
    confidence: 3,
    tags: [TAG.closing],
    title: {
      en: 'A real deadline this time: the September integration slot',
      it: 'Questa volta la scadenza è vera: lo spazio per l’integrazione di settembre',
    },
    situation: {
      en: 'Our integration partner has one slot left before the end of the year.',
      it: 'Il nostro partner per le integrazioni ha un solo spazio libero prima di fine anno.',
    },
    action: {
      en: 'Showed the plan in the demo and said once, plainly, what happens if the slot goes.',
      it: 'Ho mostrato il piano nella demo e ho detto una volta sola, chiaramente, che cosa succede se lo spazio se ne va.',
    },
    nextTime: {
      en: 'Call back on Friday with the partner’s confirmation.',
      it: 'Richiamare venerdì con la conferma del partner.',
    },
  },
  {
    monthsAgo: 1,
    techniques: [TRIAL],
    deal: { product: 'Essentials subscription', status: 'open' },
    outcome: 'worked',
    confidence: 4,
    tags: [TAG.trial],
    title: { en: 'A trial with three goals written down', it: 'Una prova con tre obiettivi scritti' },
    action: {
      en: 'Agreed the three things the trial must prove before switching it on.',
      it: 'Abbiamo concordato le tre cose che la prova deve dimostrare prima di attivarla.',
    },
    learned: {
      en: 'They logged in every day of the first week: the goals gave them a reason to.',
      it: 'Sono entrati tutti i giorni della prima settimana: gli obiettivi davano loro un motivo.',
    },
  },
  {
    monthsAgo: 0.3,
    techniques: [SPIN, DEMO, DISCOUNT],
    outcome: null,
    confidence: 4,
    tags: [TAG.review],
    title: { en: 'Quarter review: keep, stop, try', it: 'Bilancio del trimestre: continuare, smettere, provare' },
    body: {
      en:
        '- **Keep:** SPIN questions before every enterprise demo.\n' +
        '- **Stop:** discounts in the first call.\n' +
        '- **Try:** feel-felt-found on the next price objections, and see whether it beats the discount.',
      it:
        '- **Continuare:** domande SPIN prima di ogni demo per le grandi aziende.\n' +
        '- **Smettere:** sconti alla prima telefonata.\n' +
        '- **Provare:** «capisco, anche altri, hanno scoperto» sulle prossime obiezioni sul prezzo, e vedere se funziona meglio dello sconto.',
    },
  },
];

interface DealRow {
  id: number;
  customer_id: number;
  opened_on: string;
  closed_on: string | null;
}

/**
 * The sample seller's journal: a handful of entries over the sample's two years, in its language,
 * about sample deals that fit them. Draws from the random stream only for the times they were
 * written; which deal an entry is about is found, not drawn.
 */
export async function generateSampleJournal(
  db: Kysely<DB>,
  ctx: SampleContext,
  data: { catalog: SampleCatalog; firstSaleId: number },
): Promise<void> {
  const techniqueId = new Map(data.catalog.techniques.map((t) => [t.key, t.id]));
  const productId = new Map(data.catalog.products.map((p) => [p.key, p.id]));
  const lastDay = Math.min(ctx.endDay, isoToDayNumber(ctx.now.toISOString().slice(0, 10)));
  const used = new Set<number>();
  for (const spec of ENTRIES) {
    const target = ctx.endDay - Math.round(spec.monthsAgo * 30);
    const techniqueIds = spec.techniques.map((key) => techniqueId.get(key)!);
    const deal = spec.deal && (await findDeal(db, data.firstSaleId, spec.deal, productId, techniqueIds, target, used));
    let day = target;
    if (deal) {
      used.add(deal.id);
      const opened = isoToDayNumber(deal.opened_on);
      // Written while the deal was under way: half-way to its close, or a few days in.
      day = deal.closed_on ? opened + Math.floor((isoToDayNumber(deal.closed_on) - opened) / 2) : opened + 3;
    }
    day = Math.min(day, lastDay);
    const weekday = new Date(day * DAY_MS).getUTCDay();
    if (weekday === 0 || weekday === 6) day -= weekday === 0 ? 2 : 1;
    const stamp = ctx.stamp(day, 18);
    const say = (text: SampleText | undefined): string | null => (text ? ctx.say(text) : null);
    await insertEntry(
      db,
      {
        entry_date: dayNumberToIso(day),
        title: ctx.say(spec.title),
        situation: say(spec.situation),
        customer_id: deal?.customer_id ?? null,
        sale_id: deal?.id ?? null,
        action: say(spec.action),
        outcome: spec.outcome,
        learned: say(spec.learned),
        next_time: say(spec.nextTime),
        confidence: spec.confidence,
        tags: JSON.stringify(spec.tags.map(ctx.say)),
        body: say(spec.body) ?? '',
        created_at: stamp,
        updated_at: stamp,
      },
      techniqueIds,
    );
  }
}

/**
 * Days either side of the target a deal of the product is looked for in, nearest first, on the
 * sales_date index: the book has no statistics yet (they are refreshed once the demo commits), and
 * without them SQLite read every sale of the product by sales_product, at a million sales 145 ms
 * a query instead of 20. The nearest deal of a window is the nearest of every wider one, so a
 * narrow first window finds the same deal sooner: at a million sales, two months either side
 * held some 160,000 sales to test (the journal's deals took 0.9 s).
 */
const WINDOWS = [7, 60, 180, 400];
/** Days either side of the target a deal of any product is looked for in, before any time. */
const NEAR = 60;

/**
 * The sample deal closest to `target` with the status and every technique: of the product
 * within a widening window, else of any product near the target, else of any product at any time.
 */
async function findDeal(
  db: Kysely<DB>,
  firstSaleId: number,
  deal: NonNullable<EntrySpec['deal']>,
  productId: ReadonlyMap<string, number>,
  techniqueIds: readonly number[],
  target: number,
  used: ReadonlySet<number>,
): Promise<DealRow | undefined> {
  const day = dayNumberToIso(target);
  const query = async (product: number | undefined, window: number | undefined) =>
    (
      await sql<DealRow>`
      SELECT s.id, s.customer_id, s.opened_on, s.closed_on FROM sales s ${window === undefined ? sql`` : sql`INDEXED BY sales_date`}
      WHERE s.id >= ${firstSaleId} AND s.status = ${deal.status}
        AND ${window === undefined ? sql`1` : sql`coalesce(s.closed_on, s.opened_on) BETWEEN ${addDays(day, -window)} AND ${addDays(day, window)}`}
        AND ${product === undefined ? sql`1` : sql`s.product_id = ${product}`}
        AND (SELECT count(*) FROM sale_techniques st
             WHERE st.sale_id = s.id AND st.technique_id IN (${sql.join(techniqueIds)})) = ${techniqueIds.length}
        AND s.id NOT IN (${sql.join([0, ...used])})
      ORDER BY abs(julianday(coalesce(s.closed_on, s.opened_on)) - julianday(${day})), s.id
      LIMIT 1`.execute(db)
    ).rows[0];
  const product = productId.get(deal.product);
  for (const window of WINDOWS) {
    const found = await query(product, window);
    if (found) return found;
  }
  return (await query(undefined, NEAR)) ?? (await query(undefined, undefined));
}
