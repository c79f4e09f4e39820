import { withEdits, type ImportMapping } from './contract';
import type { SaleStatus } from '../sales/contract';
import type { Importer } from './importer';
import { ImportFileError, type FileProblem } from './issues';

/** What mapping needs of an importer. */
type Fields = Pick<Importer<unknown>, 'fields' | 'required' | 'headers'>;

/** "Deal - Won time", "DATA  chiusura", "Società" -> "deal won time", "data chiusura", "societa". */
export function normaliseWord(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * Header names per canonical field, most specific first: English, Italian, and the exports
 * of common CRMs (Pipedrive "Deal - Value", HubSpot "Deal Name", Salesforce "Opportunity Name").
 */
export const SALE_HEADERS: Readonly<Record<string, readonly string[]>> = {
  date: [
    'date',
    'data',
    'close date',
    'closing date',
    'closed date',
    'date closed',
    'won date',
    'sale date',
    'deal won time',
    'deal close date',
    'deal closed on',
    'won time',
    'data chiusura',
    'data di chiusura',
    'data vendita',
    'data ordine',
    'data contratto',
    'order date',
    'deal expected close date',
    'expected close date',
  ],
  opened_on: [
    'opened on',
    'opened',
    'open date',
    'date opened',
    'create date',
    'created date',
    'deal deal created',
    'deal created',
    'data apertura',
    'data di apertura',
  ],
  customer: [
    'customer',
    'cliente',
    'customer name',
    'nome cliente',
    'client',
    'ragione sociale',
    'account name',
    'account',
    'organization name',
    'organisation name',
    'deal organization',
    'organization',
    'associated company',
    'company',
    'azienda',
    'societa',
    'person name',
    'deal contact person',
    'contact name',
    'contact',
    'contatto',
  ],
  customer_email: [
    'customer email',
    'email cliente',
    'email',
    'e mail',
    'person email',
    'contact email',
    'mail',
    'indirizzo email',
    'posta elettronica',
  ],
  product: [
    'product',
    'prodotto',
    'product name',
    'deal product',
    'products',
    'prodotti',
    'servizio',
    'service',
    'articolo',
    'item',
  ],
  amount: [
    'amount',
    'importo',
    'deal value',
    'value',
    'valore',
    'totale',
    'total',
    'opportunity amount',
    'revenue',
    'fatturato',
    'prezzo',
    'price',
  ],
  currency: ['currency', 'valuta', 'deal currency', 'divisa', 'currency code', 'moneta'],
  status: ['status', 'stato', 'deal status', 'esito', 'outcome'],
  stage: ['stage', 'fase', 'deal stage', 'pipeline stage', 'stadio'],
  technique: ['technique', 'techniques', 'tecnica', 'tecniche', 'sales technique', 'tecnica di vendita', 'metodo'],
  satisfaction: ['satisfaction', 'soddisfazione', 'customer satisfaction', 'csat', 'rating', 'valutazione'],
  nps: ['nps', 'net promoter score', 'likelihood to recommend', 'raccomandazione'],
  title: ['title', 'titolo', 'deal title', 'deal name', 'opportunity name', 'nome trattativa', 'oggetto'],
  notes: ['notes', 'note', 'deal notes', 'comments', 'commenti', 'description', 'descrizione'],
  lost_reason: ['lost reason', 'deal lost reason', 'closed lost reason', 'motivo perdita', 'motivo della perdita'],
  // Before the bare `id`, which in our own export is the source database's row id.
  external_id: ['external id', 'id esterno', 'deal id', 'record id', 'opportunity id', 'id trattativa', 'id', 'codice'],
  customer_id: ['customer id', 'id cliente'],
};

export const CUSTOMER_HEADERS: Readonly<Record<string, readonly string[]>> = {
  name: [
    'name',
    'nome',
    'customer',
    'cliente',
    'customer name',
    'nome cliente',
    'full name',
    'nome completo',
    'person name',
    'contact name',
    'nominativo',
    'ragione sociale',
  ],
  company: [
    'company',
    'azienda',
    'societa',
    'company name',
    'organization name',
    'organisation name',
    'organization',
    'person organization',
    'account name',
    'ditta',
  ],
  email: ['email', 'e mail', 'person email', 'contact email', 'mail', 'indirizzo email', 'posta elettronica'],
  phone: ['phone', 'telefono', 'phone number', 'person phone', 'mobile', 'cellulare', 'tel'],
  segment: ['segment', 'segmento'],
  industry: ['industry', 'settore', 'organization industry'],
  region: ['region', 'regione', 'area', 'zona', 'provincia'],
  company_size: ['company size', 'dimensione', 'dimensione azienda', 'employees', 'dipendenti'],
  acquisition_source: [
    'acquisition source',
    'fonte acquisizione',
    'source',
    'lead source',
    'fonte',
    'origine',
    'canale',
  ],
  tags: ['tags', 'tag', 'etichette', 'labels', 'person labels'],
  notes: ['notes', 'note', 'comments', 'commenti'],
  external_id: ['external id', 'id esterno', 'person id', 'contact id', 'record id', 'id', 'codice cliente', 'codice'],
  // After external_id: a file's only `id` column is taken as its CRM's id, as before; in our
  // own export (which has an external_id column too) it is the row's id in the export.
  id: ['id'],
};

/** Headers that occur more than once (ignoring case and punctuation). */
export function duplicateHeaders(headers: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const h of headers.map(normaliseWord)) {
    if (h !== '' && seen.has(h)) dup.add(h);
    seen.add(h);
  }
  return dup;
}

/**
 * A mapping suggested from the header names; a repeated header is never suggested. An
 * importer without header names takes its fields from the columns in order.
 */
export function suggestMapping(importer: Fields, headers: readonly string[]): Record<string, string> {
  if (!importer.headers)
    return Object.fromEntries(importer.fields.flatMap((f, i) => (i < headers.length ? [[f, headers[i]!]] : [])));
  const normal = headers.map(normaliseWord);
  const dup = duplicateHeaders(headers);
  const used = new Set<number>();
  const mapping: Record<string, string> = {};
  for (const field of importer.fields) {
    for (const synonym of importer.headers[field] ?? []) {
      const index = normal.findIndex((h, i) => h === synonym && !used.has(i) && !dup.has(h));
      if (index >= 0) {
        mapping[field] = headers[index]!;
        used.add(index);
        break;
      }
    }
  }
  return mapping;
}

/** The suggestion with the caller's edits applied (a null edit unmaps the field). */
export function effectiveMapping(
  importer: Fields,
  headers: readonly string[],
  edits: ImportMapping | undefined,
): Record<string, string> {
  return withEdits(suggestMapping(importer, headers), edits);
}

export const missingFields = (importer: Fields, mapping: Readonly<Record<string, string>>): string[] =>
  importer.required.filter((f) => !(f in mapping));

/**
 * Field -> column index, or a clear error: an unknown field or header, a header that appears
 * twice, a required field left unmapped (with a hint when the delimiter looks wrong).
 */
export function resolveColumns(
  importer: Fields,
  headers: readonly string[],
  mapping: Readonly<Record<string, string>>,
  delimiter: string,
  allowMissing = false,
): Record<string, number> {
  const known = new Set(importer.fields);
  const normal = headers.map(normaliseWord);
  const problems: FileProblem[] = [];
  const unmatched = new Set<string>();
  const columns: Record<string, number> = {};
  for (const [field, header] of Object.entries(mapping)) {
    if (!known.has(field)) {
      problems.push({ key: 'unknownField', values: { field, fields: [...known].join(', ') } });
      continue;
    }
    const exact = headers.flatMap((h, i) => (h === header.trim() ? [i] : []));
    const loose = normal.flatMap((h, i) => (h === normaliseWord(header) ? [i] : []));
    const found = exact.length > 0 ? exact : loose;
    if (found.length === 1) columns[field] = found[0]!;
    else {
      unmatched.add(field);
      problems.push(
        found.length === 0
          ? { key: 'noColumn', values: { field, header } }
          : {
              key: 'repeatedColumn',
              values: { field, header, times: found.length, columns: found.map((i) => i + 1).join(', ') },
            },
      );
    }
  }
  const unmapped = missingFields(importer, mapping).filter((f) => !unmatched.has(f));
  // A required field left unmapped because its column's name appears twice: say that, not "no column".
  const repeated = unmapped.flatMap((field) => {
    const synonyms = new Set(importer.headers?.[field] ?? []);
    const found = normal.flatMap((h, i) => (synonyms.has(h) ? [i] : []));
    const header = found.length > 1 ? headers[found[0]!]! : null;
    if (!header || found.some((i) => normal[i] !== normal[found[0]!])) return [];
    return [{ field, header, columns: found }];
  });
  if (!allowMissing)
    for (const r of repeated)
      problems.push({
        key: 'repeatedColumn',
        values: {
          field: r.field,
          header: r.header,
          times: r.columns.length,
          columns: r.columns.map((i) => i + 1).join(', '),
        },
      });
  const missing = unmapped.filter((f) => !repeated.some((r) => r.field === f));
  if (missing.length > 0 && !allowMissing) {
    const shown = headers.length > 12 ? `${headers.slice(0, 12).join(', ')}, …` : headers.join(', ');
    problems.push({ key: 'missingFields', values: { fields: missing.join(', '), first: missing[0]!, columns: shown } });
    if (headers.length === 1) problems.push({ key: 'singleColumn', values: { delimiter: JSON.stringify(delimiter) } });
  }
  if (problems.length > 0) throw new ImportFileError(problems);
  return columns;
}

// Maps, not objects: a cell saying "constructor" must not find Object.prototype's.
const STATUS_WORDS: ReadonlyMap<string, SaleStatus> = new Map([
  ...[
    'won',
    'win',
    'closed won',
    'won closed',
    'vinta',
    'vinto',
    'vinte',
    'vinti',
    'chiusa vinta',
    'chiuso vinto',
    'vinta chiusa',
    'acquisita',
    'acquisito',
    'venduto',
    'venduta',
  ].map((w) => [w, 'won'] as const),
  ...[
    'lost',
    'loss',
    'closed lost',
    'lost closed',
    'persa',
    'perso',
    'perse',
    'persi',
    'chiusa persa',
    'chiuso perso',
    'rifiutata',
    'rifiutato',
  ].map((w) => [w, 'lost'] as const),
  ...[
    'open',
    'opened',
    'aperta',
    'aperto',
    'in corso',
    'in progress',
    'pending',
    'in trattativa',
    'in attesa',
    'active',
    'attiva',
    'attivo',
    'new',
    'nuova',
    'nuovo',
  ].map((w) => [w, 'open'] as const),
]);

const STAGE_WORDS: ReadonlyMap<string, string> = new Map([
  ...['lead', 'lead in', 'contatto', 'nuovo contatto', 'primo contatto'].map((w) => [w, 'lead'] as const),
  ...['qualified', 'qualificato', 'qualificata', 'qualification', 'contact made'].map((w) => [w, 'qualified'] as const),
  ...['proposal', 'proposal made', 'proposta', 'offerta', 'preventivo'].map((w) => [w, 'proposal'] as const),
  ...['negotiation', 'negotiations started', 'negoziazione', 'trattativa'].map((w) => [w, 'negotiation'] as const),
]);

/** A status word in English or Italian, or the text unchanged (the schema then rejects it). */
export function statusOf(text: string): string {
  const plain = text.trim().toLowerCase();
  // Most files say "won"/"vinta" plainly; only the rest pay for full normalisation.
  return STATUS_WORDS.get(plain) ?? STATUS_WORDS.get(normaliseWord(text)) ?? plain;
}
export const stageOf = (text: string): string => STAGE_WORDS.get(normaliseWord(text)) ?? text.trim().toLowerCase();
