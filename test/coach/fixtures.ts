/* eslint-disable @typescript-eslint/no-explicit-any -- the edits reach into parsed JSON as a hand edit would */
import type { ReportDocument } from '../../src-main/features/reports/contract';
import { reportJson } from '../../src-main/features/reports/json';

export { reportDoc } from '../renderer/coach/document';

/** A care section listing `listed` customers at risk of `total`. */
export const care = (listed: number, total: number): NonNullable<ReportDocument['care']> => ({
  check_ins: { due: 0, on_time: 0, late: 0, skipped: 0, missed: 0, on_time_rate: null },
  complaints: { opened: 0, resolved: 0, closed_unresolved: 0, median_days_to_resolve: null },
  interactions: 0,
  at_risk: Array.from({ length: listed }, (_, i) => ({
    customer: { id: null, label: `Customer ${i + 1}` },
    reasons: ['low_nps'],
  })),
  at_risk_total: total,
});

/** The file `rapport report --format json` writes for the document (its integrity digest included). */
export const reportText = (doc: ReportDocument): string => reportJson(doc);

/** Changes the parsed file with `edit` and writes it back, keeping the (now stale) digest. */
export function edited(text: string, edit: (doc: Record<string, any>) => void): string {
  const doc = JSON.parse(text) as Record<string, any>;
  edit(doc);
  return JSON.stringify(doc, null, 2);
}

/** The same, with the digest recomputed: what a careful forger would do (consistency checks catch it). */
export function resealed(text: string, edit: (doc: Record<string, any>) => void): string {
  const doc = JSON.parse(text) as ReportDocument;
  edit(doc as unknown as Record<string, any>);
  return reportJson(doc);
}
