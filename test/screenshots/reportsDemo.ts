import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src-main/db/connection';
import { createHandlers } from '../../src-main/ipc/assemble';
import { REPORT_SECTIONS } from '../../src-main/features/reports/contract';
import { api, type Channel, type Input, type Output, type ParsedInput } from '../../src-main/shared/api';
import { HOME_DAY } from './homeDemo';

/**
 * The Reports screen's data for the screenshots (test/renderer/screenshots/shoot.mjs), made by
 * the real backend on the sample book on HOME_DAY: the preview of this month's report, the
 * month's journal entries, and an export log with two reports saved (JSON and CSV: no browser
 * needed here). The demo bridge hands them over as they are.
 */
export interface ReportsReplies {
  preview: Output<'report.preview'>;
  journal: Output<'journal.list'>;
  log: Output<'report.log'>;
}

export async function reportsReplies(language: 'en' | 'it'): Promise<ReportsReplies> {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-reports-demo-'));
  const now = new Date(`${HOME_DAY}T10:00:00`);
  const store = await openDatabase(join(dir, 'demo.sqlite'), { now: () => now });
  try {
    const handlers = createHandlers(store, { now: () => now, version: 'demo', platform: 'linux' });
    const call = async <C extends Channel>(channel: C, input?: Input<C>): Promise<Output<C>> => {
      const handler = handlers[channel] as (input: ParsedInput<C>) => Promise<Output<C>>;
      return handler(api[channel].input.parse(input) as ParsedInput<C>);
    };
    await call('settings.update', { language });
    await call('onboarding.start', { mode: 'sample' });
    const month = { from: '2026-06-01', to: HOME_DAY };
    const seller = language === 'it' ? 'Sara Venditti' : 'Ada Lovelace';
    const options = { ...month, compare: 'previous' as const, sections: [...REPORT_SECTIONS], seller };
    const files = join(dir, 'Documents');
    mkdirSync(files);
    await call('report.save', {
      options: {
        from: '2026-04-01',
        to: '2026-06-30',
        sections: ['goals', 'volume', 'quality'],
        anonymize: true,
        seller,
      },
      format: 'csv',
      path: join(files, 'rapport-report-2026-04-01_2026-06-30.zip'),
    });
    await call('report.save', {
      options,
      format: 'json',
      path: join(files, `rapport-report-${month.from}_${month.to}.json`),
    });
    const log = (await call('report.log', { limit: 50 })).map((entry) => ({
      ...entry,
      // Where a seller's own files would be, not this temporary folder.
      file: entry.file.replace(files, language === 'it' ? '/home/sara/Documenti' : '/home/ada/Documents'),
    }));
    const journal = await call('journal.list', { ...month, limit: 200 });
    // The preview with the month's first entry picked as a highlight (the scenes tick it too).
    const journalIds = journal.items.slice(0, 1).map((e) => e.id);
    return {
      preview: await call('report.preview', { options: { ...options, journalIds }, paper: 'a4' }),
      journal,
      log,
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
