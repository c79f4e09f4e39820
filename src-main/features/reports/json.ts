import { AppError } from '../../kernel/errors';
import { ReportDocument } from './contract';

/**
 * A document is checked against its schema (the one in contract.ts, which docs/report.schema.json
 * is generated from) before anything is written: a report that does not match is never saved.
 */
export function validReport(doc: unknown): ReportDocument {
  const parsed = ReportDocument.safeParse(doc);
  if (!parsed.success)
    throw new AppError(
      'internal',
      'reports.failures.invalidDocument',
      parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    );
  return parsed.data;
}

/** The JSON file's text: the validated document, two-space indented. */
export const reportJson = (doc: ReportDocument): string => `${JSON.stringify(validReport(doc), null, 2)}\n`;
