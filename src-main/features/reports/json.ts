import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../kernel/errors';
import { REPORT_AT_RISK_LISTED, REPORT_SCHEMA_VERSION, ReportDocument } from './contract';

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

/**
 * A value's canonical JSON: object keys sorted by code unit, no whitespace, numbers and strings
 * as JSON.stringify writes them (which JSON.parse reads back to the same values). The same
 * document gives the same text however its keys were ordered or its file indented.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The SHA-256 (hex) of the document's canonical JSON without its `integrity` field. */
export function reportDigest(doc: Record<string, unknown>): string {
  const { integrity: _left, ...rest } = doc;
  return createHash('sha256').update(canonicalJson(rest), 'utf8').digest('hex');
}

/** The JSON file's text: the validated document with its integrity digest last, two-space indented. */
export function reportJson(doc: ReportDocument): string {
  const { integrity: _old, ...valid } = validReport(doc);
  const sealed: ReportDocument = { ...valid, integrity: { algorithm: 'sha256', digest: reportDigest(valid) } };
  return `${JSON.stringify(sealed, null, 2)}\n`;
}

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
      `One seller's progress report for a period (schema_version ${REPORT_SCHEMA_VERSION}). ` +
      'Money in minor units of summary.currency; ' +
      'rates 0–1; NPS −100…100; satisfaction 1–5; dates YYYY-MM-DD. summary has exactly the keys of `rapport stats --json`. ' +
      `care.at_risk lists the first ${REPORT_AT_RISK_LISTED} customers at risk (most reasons first); ` +
      'care.at_risk_total counts every one.',
  };
}

/** The schema file's text, as committed. */
export const reportJsonSchemaText = (): string => `${JSON.stringify(reportJsonSchema(), null, 2)}\n`;
