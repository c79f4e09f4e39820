/* eslint-disable @typescript-eslint/no-explicit-any -- the edits reach into parsed JSON as a hand edit would */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readReport } from '../../src-main/features/coach/read';
import { jsonErrorAt } from '../../src-main/features/coach/jsonPosition';
import { COACH_MAX_BYTES } from '../../src-main/features/coach/contract';
import { AppError } from '../../src-main/kernel/errors';
import { canonicalJson, reportDigest } from '../../src-main/features/reports/json';
import { care, edited, reportDoc, reportText, resealed } from './fixtures';

/** The refusal readReport throws: its key, the values its message shows, the field it names. */
function refusal(content: string | Uint8Array): { key: string; values: unknown; field: string | undefined } {
  try {
    readReport(content, 'sara.json');
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { key: error.message, values: error.values, field: error.issues?.[0]?.path };
  }
  throw new Error('the report was accepted');
}

const GOOD = reportText(reportDoc('Sara'));

/** A report `rapport report --format json` wrote before schema_version 2 (a demo book, care section). */
const V1_FILE = fileURLToPath(new URL('../fixtures/coach/report-v1.json', import.meta.url));

/** The parsed file with its digest taken again, whatever its version. */
function sealed(doc: Record<string, any>): string {
  const { integrity: _old, ...rest } = doc;
  return JSON.stringify({ ...rest, integrity: { algorithm: 'sha256', digest: reportDigest(rest) } });
}

describe('reading a report', () => {
  it('accepts what reportJson writes, indented or not, with or without a BOM', () => {
    expect(readReport(GOOD, 'sara.json').seller.name).toBe('Sara');
    const compact = JSON.stringify(JSON.parse(GOOD));
    expect(readReport(`\ufeff${compact}`, 'sara.json').summary.revenue_cents).toBe(300_000);
    expect(readReport(new TextEncoder().encode(GOOD), 'sara.json').integrity?.algorithm).toBe('sha256');
  });

  it('refuses a file over the limit before reading it as text', () => {
    const big = new Uint8Array(COACH_MAX_BYTES + 1);
    expect(refusal(big)).toMatchObject({
      key: 'coach.refused.tooLarge',
      values: { file: 'sara.json', size: COACH_MAX_BYTES + 1, limit: COACH_MAX_BYTES },
    });
  });

  it('refuses bytes that are not UTF-8', () => {
    expect(refusal(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])).key).toBe('coach.refused.notText');
  });

  it('refuses malformed JSON, saying the line and column of the first mistake', () => {
    expect(refusal('{\n  "schema_version": 1,\n  "seller": tru\n}')).toMatchObject({
      key: 'coach.refused.notJson',
      values: { line: 3, column: 16 },
    });
    expect(refusal('{"a": 1,}').values).toMatchObject({ line: 1, column: 9 });
    expect(refusal('').values).toMatchObject({ line: 1, column: 1 });
    expect(refusal('[1 2]').values).toMatchObject({ line: 1, column: 4 });
  });

  it('refuses JSON without an integer schema_version', () => {
    for (const text of ['[]', '"report"', '{}', '{"schema_version": "1"}', '{"schema_version": 1.5}'])
      expect(refusal(text)).toMatchObject({ key: 'coach.refused.noVersion', field: 'schema_version' });
  });

  it('refuses a report from a newer Rapport, naming both versions', () => {
    expect(refusal(edited(GOOD, (d) => (d.schema_version = 3)))).toMatchObject({
      key: 'coach.refused.newerVersion',
      values: { version: 3, reads: 2 },
    });
  });

  it('reads a version-1 report as Rapport wrote it, counting its at-risk customers by its list', () => {
    const doc = readReport(readFileSync(V1_FILE), 'v1.json');
    expect(doc.schema_version).toBe(1);
    expect(doc.seller.name).toBe('Sara Venditti');
    expect(doc.care!.at_risk.length).toBe(11);
    expect(doc.care!.at_risk_total).toBe(11);
    // The file's digest still holds: it was taken over the document as written, without a total.
    const written = JSON.parse(readFileSync(V1_FILE, 'utf8')) as Record<string, any>;
    expect(written.care.at_risk_total).toBeUndefined();
    expect(doc.integrity).toEqual(written.integrity);
  });

  it('reads a version-2 report with its at-risk total, larger than its list', () => {
    const doc = readReport(reportText(reportDoc('Sara', { care: care(2, 90_123) })), 'sara.json');
    expect(doc.schema_version).toBe(2);
    expect(doc.care!.at_risk_total).toBe(90_123);
    expect(doc.care!.at_risk).toHaveLength(2);
  });

  it('refuses a total where its version has none, and a version-2 report without one', () => {
    const v1 = JSON.parse(readFileSync(V1_FILE, 'utf8')) as Record<string, any>;
    v1.care.at_risk_total = 11;
    expect(refusal(sealed(v1))).toMatchObject({ key: 'coach.refused.schema', field: 'care' });
    const v2 = JSON.parse(reportText(reportDoc('Sara', { care: care(2, 2) }))) as Record<string, any>;
    delete v2.care.at_risk_total;
    expect(refusal(sealed(v2))).toMatchObject({ key: 'coach.refused.schema', field: 'care.at_risk_total' });
  });

  it('refuses a document that does not match the schema, naming the first failing field', () => {
    expect(refusal(edited(GOOD, (d) => (d.summary.revenue_cents = 'a lot')))).toMatchObject({
      key: 'coach.refused.schema',
      field: 'summary.revenue_cents',
      values: { field: 'summary.revenue_cents' },
    });
    expect(refusal(edited(GOOD, (d) => (d.volume.months[1].deals_won = -1))).field).toBe('volume.months.1.deals_won');
    expect(refusal(edited(GOOD, (d) => (d.script = '<script>'))).key).toBe('coach.refused.schema');
  });

  it('refuses a report without its digest, and one changed after it was written', () => {
    expect(refusal(edited(GOOD, (d) => delete d.integrity))).toMatchObject({
      key: 'coach.refused.unsigned',
      field: 'integrity',
    });
    expect(refusal(edited(GOOD, (d) => (d.summary.revenue_cents = 900_000)))).toMatchObject({
      key: 'coach.refused.tampered',
      field: 'integrity',
    });
    expect(refusal(edited(GOOD, (d) => (d.seller.name = 'Someone else'))).key).toBe('coach.refused.tampered');
  });

  it('refuses a resealed report whose figures contradict each other, naming the field', () => {
    const cases: [(d: Record<string, any>) => void, string][] = [
      [(d) => (d.summary.revenue_cents = 900_000), 'period.compare.delta.revenue_cents'],
      [(d) => (d.volume.months[0].revenue_cents = 1), 'volume.months.revenue_cents'],
      [(d) => (d.volume.months[1].to = '2026-05-31'), 'volume.months.1'],
      [(d) => (d.period.compare.delta.deals_won = 10), 'period.compare.delta.deals_won'],
      [(d) => (d.quality.nps = 80), 'quality.nps'],
      [(d) => (d.loyalty.new_customers = 4), 'loyalty.new_customers'],
      [(d) => (d.summary.to = '2026-05-31'), 'summary.to'],
      [(d) => (d.care = { ...care(3, 3), at_risk_total: 2 }), 'care.at_risk_total'],
    ];
    for (const [edit, field] of cases)
      expect(refusal(resealed(GOOD, edit)), field).toMatchObject({
        key: 'coach.refused.inconsistent',
        field,
        values: { field },
      });
  });
});

describe('the integrity digest', () => {
  it('is the same however the keys are ordered or the file indented', () => {
    const doc = reportDoc('Sara');
    const shuffled = Object.fromEntries(Object.entries(doc).reverse());
    expect(reportDigest(shuffled)).toBe(reportDigest(doc as unknown as Record<string, unknown>));
    expect(canonicalJson({ b: 1, a: [{ d: null, c: 'x' }] })).toBe('{"a":[{"c":"x","d":null}],"b":1}');
    const written = JSON.parse(GOOD) as Record<string, unknown>;
    expect(Object.keys(written).at(-1)).toBe('integrity');
    expect(written.integrity).toEqual({ algorithm: 'sha256', digest: reportDigest(written) });
  });
});

describe('finding where JSON goes wrong', () => {
  it('counts lines and columns from 1', () => {
    expect(jsonErrorAt('{"a":\n  [1,\n   ]}')).toEqual({ line: 3, column: 4 });
    expect(jsonErrorAt('{"a": "b\u0001"}')).toEqual({ line: 1, column: 9 });
    expect(jsonErrorAt('{} x')).toEqual({ line: 1, column: 4 });
  });
});
