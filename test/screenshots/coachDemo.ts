import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src-main/db/connection';
import { createHandlers } from '../../src-main/ipc/assemble';
import { generateSampleData } from '../../src-main/features/onboarding/sampleData';
import { reportJson } from '../../src-main/features/reports/json';
import type { Output } from '../../src-main/shared/api';

/**
 * The coach workspace's data for the screenshots (test/renderer/screenshots/shoot.mjs), made by
 * the real backend: three sellers' sample books, a quarter's report from each (report.build,
 * written as `rapport report --format json` writes it), a second period for one of them, all
 * opened in a coach's workspace (coach.open) with a note. The demo bridge replies with it.
 */
const SELLERS = [
  { name: 'Sara Venditti', seed: 11, sales: 420 },
  { name: 'Luca Bianchi', seed: 12, sales: 300 },
  { name: 'Giulia Ferrari', seed: 13, sales: 360 },
];
const now = new Date('2026-07-02T09:00:00Z');

export async function coachReplies(): Promise<Output<'coach.list'>> {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-coach-demo-'));
  try {
    const texts: { name: string; text: string }[] = [];
    for (const seller of SELLERS) {
      const store = await openDatabase(join(dir, `${seller.seed}.sqlite`), { now: () => now });
      try {
        await store.db
          .transaction()
          .execute((trx) =>
            generateSampleData(
              trx,
              store.sqlite,
              { sales: seller.sales, seed: seller.seed, endDate: '2026-06-30', currency: 'EUR' },
              now,
            ),
          );
        const handlers = createHandlers(store, { now: () => now, version: 'demo', platform: 'linux' });
        const periods =
          seller.seed === 11 ? ['2026-01-01|2026-03-31', '2026-04-01|2026-06-30'] : ['2026-04-01|2026-06-30'];
        for (const period of periods) {
          const [from, to] = period.split('|') as [string, string];
          const doc = await handlers['report.build']({
            from,
            to,
            compare: 'previous',
            sections: ['goals', 'volume', 'quality', 'loyalty'],
            anonymize: true,
            journalText: false,
            journalIds: [],
            comment: '',
            seller: seller.name,
          });
          texts.push({ name: `${seller.name} ${from}.json`, text: reportJson(doc) });
        }
      } finally {
        await store.close();
      }
    }
    const coach = await openDatabase(join(dir, 'coach.sqlite'), { now: () => now });
    try {
      const handlers = createHandlers(coach, { now: () => now, version: 'demo', platform: 'linux' });
      for (const file of texts) await handlers['coach.open'](file);
      await handlers['coach.note']({
        seller: 'Luca Bianchi',
        text: 'Win rate dipped in May: review the discovery calls together.',
      });
      return await handlers['coach.list'](undefined);
    } finally {
      await coach.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
