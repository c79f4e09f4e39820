import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPORT_SECTIONS } from '../../src-main/features/reports/contract';
import { reportHtml } from '../../src-main/features/reports/html';
import { rowsPerSection } from '../../src-main/features/reports/tables';
import { api } from '../../src-main/shared/api';
import { formatFor } from '../../src-main/shared/format';
import { translator } from '../../src-main/shared/locales/translate';
import { freshStore, type TestStore } from '../helpers/store';
import { generateSample } from '../helpers/sample';

/**
 * report.preview is the Reports screen's "what will leave the machine": the page the one
 * template makes of the very document report.build gives, for the paper chosen, and its rows.
 */
describe('report.preview', () => {
  let t: TestStore;
  beforeEach(async () => {
    t = await freshStore();
    await generateSample(t, { sales: 200 });
  });
  afterEach(() => t.cleanup());
  const options = {
    from: '2026-01-01',
    to: '2026-05-31',
    compare: 'previous' as const,
    sections: [...REPORT_SECTIONS],
    // Pseudonyms are drawn afresh for every export (two cannot be joined), so two documents differ there.
    anonymize: false,
    journalText: false,
    journalIds: [],
    comment: 'Un trimestre <b>buono</b>',
    seller: 'Sara',
  };

  it("is html.ts's page of report.build's document, with its rows per section", async () => {
    for (const paper of ['a4', 'letter'] as const) {
      const preview = await t.handlers['report.preview']({ options, paper });
      const doc = await t.handlers['report.build'](options);
      const job = reportHtml(doc, { t: translator(doc.language), format: formatFor(doc.language), paper });
      // The same page but for the moment it was made.
      const strip = (html: string) => html.replace(/\d{1,2}:\d{2}/g, 'HH:MM');
      expect(strip(preview.html)).toBe(strip(job.html));
      expect(preview.rows).toEqual(rowsPerSection(doc));
      expect(preview.html).toContain(paper === 'a4' ? 'size: A4' : 'size: Letter');
      expect(preview.html).not.toMatch(/<script/i);
      expect(preview.html).toContain('Un trimestre &lt;b&gt;buono&lt;/b&gt;');
    }
  });

  it('refuses the options report.build refuses, naming the field (as IPC parses them)', () => {
    const parsed = api['report.preview'].input.safeParse({ options: { ...options, from: '2026-06-01' }, paper: 'a4' });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['options.to', 'errors.rangeOrder'],
    ]);
    expect(api['report.preview'].input.safeParse({ options, paper: 'a3' }).success).toBe(false);
    expect(api['report.preview'].input.parse({ options }).paper).toBe('a4');
  });
});
