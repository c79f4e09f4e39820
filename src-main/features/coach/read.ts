import type { MessageValues } from '../../shared/api';
import { AppError } from '../../kernel/errors';
import { ReportDocument, ReportDocumentV1, SUMMARY_NUMBERS } from '../reports/contract';
import { reportDigest } from '../reports';
import { COACH_MAX_BYTES, COACH_READS_VERSION, type CoachCheck, type CoachDocument } from './contract';
import { jsonErrorAt } from './jsonPosition';

/**
 * Reads a seller's JSON report without trusting it. The checks run in order and the first that
 * fails refuses the file with its own key (coach.refused.<check>) and where it failed:
 * size → UTF-8 text → JSON (line, column) → an integer schema_version → a version this app
 * reads → the schema of its version (the first failing field) → the integrity digest →
 * consistency between figures that a hand edit would have to change together. Pure: nothing is
 * stored here.
 */
export function readReport(content: Uint8Array | string, file: string): CoachDocument {
  const refuse = (check: CoachCheck, values: MessageValues = {}, field?: string): never => {
    throw refusal(check, file, values, field);
  };
  const size = typeof content === 'string' ? Buffer.byteLength(content, 'utf8') : content.byteLength;
  if (size > COACH_MAX_BYTES) refuse('tooLarge', { size, limit: COACH_MAX_BYTES });

  let text: string;
  if (typeof content === 'string') text = content;
  else
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(content);
    } catch {
      return refuse('notText');
    }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return refuse('notJson', jsonErrorAt(text));
  }

  const version =
    data !== null && typeof data === 'object' && !Array.isArray(data)
      ? (data as Record<string, unknown>).schema_version
      : undefined;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    refuse('noVersion', {}, 'schema_version');
  if ((version as number) > COACH_READS_VERSION)
    refuse('newerVersion', { version: version as number, reads: COACH_READS_VERSION }, 'schema_version');

  const parsed = (version === 1 ? ReportDocumentV1 : ReportDocument).safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    const field = first.path.map(String).join('.') || '(root)';
    refuse('schema', { field }, field);
  }
  const doc = parsed.data!;

  if (!doc.integrity) refuse('unsigned', {}, 'integrity');
  // Over the parsed JSON as it is in the file (zod's output could differ in ways the digest sees).
  if (reportDigest(data as Record<string, unknown>) !== doc.integrity!.digest) refuse('tampered', {}, 'integrity');

  const kept = withAtRiskTotal(doc);
  const inconsistent = firstInconsistency(kept);
  if (inconsistent) refuse('inconsistent', { field: inconsistent }, inconsistent);
  return kept;
}

/**
 * The document with its care section's at-risk total: a version-1 report has none, and its list
 * held every customer at risk (up to 2,000, care.atRisk's largest page), so its length stands in.
 */
export function withAtRiskTotal(doc: ReportDocumentV1 | CoachDocument): CoachDocument {
  const care = doc.care && {
    ...doc.care,
    at_risk_total: 'at_risk_total' in doc.care ? doc.care.at_risk_total : doc.care.at_risk.length,
  };
  return { ...doc, care };
}

/** A report refused by `check`: its key says which, its values where (and the file). */
export function refusal(check: CoachCheck, file: string, values: MessageValues = {}, field?: string): AppError {
  return new AppError(
    'invalid_input',
    `coach.refused.${check}`,
    field === undefined ? undefined : [{ path: field, message: `coach.refused.${check}`, values }],
    { file, ...values },
  );
}

const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

/**
 * The first field whose value disagrees with the rest of the document, or null. Each rule is
 * how `rapport report` builds the document (reports/build.ts), so a report it wrote always passes.
 */
export function firstInconsistency(doc: CoachDocument): string | null {
  const { period, summary } = doc;
  if (period.from > period.to) return 'period.to';
  if (summary.from !== period.from) return 'summary.from';
  if (summary.to !== period.to) return 'summary.to';
  if (summary.win_rate !== null && (summary.win_rate < 0 || summary.win_rate > 1)) return 'summary.win_rate';
  const compare = period.compare;
  if (compare) {
    if (compare.from > compare.to) return 'period.compare.to';
    for (const key of SUMMARY_NUMBERS) {
      const a = summary[key];
      const b = compare.summary[key];
      const d = compare.delta[key];
      const expected = a === null || b === null ? null : a - b;
      if (expected === null ? d !== null && d !== undefined : d === null || d === undefined || !close(d, expected))
        return `period.compare.delta.${key}`;
    }
  }
  const volume = doc.volume;
  if (volume) {
    for (const key of ['revenue_cents', 'deals_won', 'deals_lost', 'deals_open', 'avg_deal_cents'] as const)
      if (volume[key] !== summary[key]) return `volume.${key}`;
    if (volume.currency !== summary.currency) return 'volume.currency';
    let revenue = 0;
    let won = 0;
    let lost = 0;
    for (const [i, m] of volume.months.entries()) {
      if (m.from < period.from || m.to > period.to || m.from > m.to || m.from.slice(0, 7) !== m.month)
        return `volume.months.${i}`;
      revenue += m.revenue_cents;
      won += m.deals_won;
      lost += m.deals_lost;
    }
    if (volume.months.length > 0) {
      if (revenue !== volume.revenue_cents) return 'volume.months.revenue_cents';
      if (won !== volume.deals_won) return 'volume.months.deals_won';
      if (lost !== volume.deals_lost) return 'volume.months.deals_lost';
    }
  }
  const quality = doc.quality;
  if (quality) {
    if (quality.win_rate !== summary.win_rate) return 'quality.win_rate';
    if (quality.avg_satisfaction !== summary.avg_satisfaction) return 'quality.avg_satisfaction';
    if (quality.nps !== summary.nps) return 'quality.nps';
  }
  const loyalty = doc.loyalty;
  if (loyalty)
    for (const key of ['customers_active', 'new_customers', 'repeat_customers'] as const)
      if (loyalty[key] !== summary[key]) return `loyalty.${key}`;
  if (doc.care && doc.care.at_risk_total < doc.care.at_risk.length) return 'care.at_risk_total';
  return null;
}
