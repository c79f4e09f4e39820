import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPORT_SECTIONS, ReportDocument } from '../../src-main/features/reports/contract';
import { reportJsonSchema, validReport } from '../../src-main/features/reports/json';
import { freshStore, type TestStore } from '../helpers/store';
import { generateSample } from '../helpers/sample';

const FILE = fileURLToPath(new URL('../../docs/report.schema.json', import.meta.url));
const committed = (): Record<string, unknown> => JSON.parse(readFileSync(FILE, 'utf8')) as Record<string, unknown>;

describe('docs/report.schema.json', () => {
  it('is the JSON Schema generated from the zod schema (run scripts/report-schema.ts when this fails)', () => {
    expect(committed()).toEqual(reportJsonSchema());
  });

  it('says schema_version is the integer 2', () => {
    expect((committed().properties as Record<string, unknown>).schema_version).toEqual({ type: 'integer', const: 2 });
  });
});

describe('a built report', () => {
  let t: TestStore;
  beforeEach(async () => {
    t = await freshStore();
    await generateSample(t, { sales: 400 });
  });
  afterEach(() => t.cleanup());

  it('validates against the committed schema file (ajv) and against zod', async () => {
    const doc = await t.handlers['report.build']({
      from: '2026-01-01',
      to: '2026-06-30',
      compare: 'previous',
      sections: [...REPORT_SECTIONS],
      anonymize: true,
      journalText: true,
      journalIds: [],
      comment: 'Fine.',
    });
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    const validate = ajv.compile(committed());
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(ReportDocument.safeParse(doc).success).toBe(true);
    expect(Number.isInteger(doc.schema_version)).toBe(true);
  });

  it('is refused before writing when it does not match its schema', async () => {
    const doc = await t.handlers['report.build']({
      from: '2026-01-01',
      to: '2026-06-30',
      compare: null,
      sections: ['goals'],
      anonymize: false,
      journalText: true,
      journalIds: [],
      comment: '',
    });
    expect(() => validReport({ ...doc, schema_version: 1 })).toThrow('reports.failures.invalidDocument');
    expect(() => validReport({ ...doc, schema_version: 3 })).toThrow('reports.failures.invalidDocument');
    expect(() => validReport({ ...doc, extra: 1 })).toThrow('reports.failures.invalidDocument');
    const { revenue_cents: _dropped, ...summary } = doc.summary;
    expect(() => validReport({ ...doc, summary })).toThrow('reports.failures.invalidDocument');
  });
});
