import { z } from 'zod';
import { AppError } from '../../kernel/errors';
import { REPORT_SCHEMA_VERSION, ReportDocument } from './contract';

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

/**
 * The JSON Schema of the document (draft 2020-12), generated from the zod schema: what
 * docs/report.schema.json holds (scripts/report-schema.ts writes it; a test fails when stale).
 */
export function reportJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ReportDocument, { target: 'draft-2020-12', io: 'output' }) as Record<
    string,
    unknown
  > & {
    properties: Record<string, unknown>;
  };
  // zod writes a number literal as {type: number, const}; the version is an integer.
  schema.properties.schema_version = { type: 'integer', const: REPORT_SCHEMA_VERSION };
  return {
    ...schema,
    $id: 'https://rapport.app/schemas/report.schema.json',
    title: 'Rapport coach progress report',
    description:
      "One seller's progress report for a period (schema_version 1). Money in minor units of summary.currency; " +
      'rates 0–1; NPS −100…100; satisfaction 1–5; dates YYYY-MM-DD. summary has exactly the keys of `rapport stats --json`.',
  };
}

/** The schema file's text, as committed. */
export const reportJsonSchemaText = (): string => `${JSON.stringify(reportJsonSchema(), null, 2)}\n`;
