import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src-main/db/connection';
import { createHandlers } from '../../src-main/ipc/assemble';
import { HOME_COMPARISONS, HOME_PERIODS } from '../../src-main/shared/periods';
import { api, type Channel, type Input, type Output, type ParsedInput } from '../../src-main/shared/api';

/**
 * Home's data for the screenshots (test/renderer/screenshots/shoot.mjs), made by the real
 * backend: the sample book the welcome screen offers, looked at on HOME_DAY, and Home's
 * replies for every calendar period and comparison, with today's list beside them. The demo
 * bridge hands these replies over as they are (Home's figures are never made up in the demo).
 */
export const HOME_DAY = '2026-06-17';

export interface HomeReplies {
  /** home.summary by `period|compare` (calendar periods; a custom range gets the month's). */
  summaries: Record<string, Output<'home.summary'>>;
  goalsBehind: Output<'goals.list'>;
  followUps: Output<'care.followups.list'>;
  /** The sidebar's badge: what is due by the end of HOME_DAY. */
  count: Output<'care.followups.count'>;
  experiments: Output<'experiments.list'>;
  /** home.summary of a book with nothing in it yet (the first-run state). */
  empty: Output<'home.summary'>;
}

export const homeKey = (period: string, compare: string): string => `${period}|${compare}`;

export async function homeReplies(language: 'en' | 'it'): Promise<HomeReplies> {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-home-demo-'));
  const now = new Date(`${HOME_DAY}T10:00:00`);
  const store = await openDatabase(join(dir, 'demo.sqlite'), { now: () => now });
  try {
    const handlers = createHandlers(store, { now: () => now, version: 'demo', platform: 'linux' });
    const call = async <C extends Channel>(channel: C, input?: Input<C>): Promise<Output<C>> => {
      const handler = handlers[channel] as (input: ParsedInput<C>) => Promise<Output<C>>;
      return handler(api[channel].input.parse(input) as ParsedInput<C>);
    };
    await call('settings.update', { language });
    const empty = await call('home.summary', { period: 'month', asOf: HOME_DAY });
    await call('onboarding.start', { mode: 'sample' });
    const summaries: HomeReplies['summaries'] = {};
    for (const period of HOME_PERIODS.filter((p) => p !== 'custom'))
      for (const compare of HOME_COMPARISONS)
        summaries[homeKey(period, compare)] = await call('home.summary', { period, compare, asOf: HOME_DAY });
    return {
      summaries,
      goalsBehind: await call('goals.list', { status: ['behind', 'at_risk'], asOf: HOME_DAY }),
      followUps: await call('care.followups.list', { asOf: HOME_DAY, limit: 4 }),
      count: await call('care.followups.count', { asOf: HOME_DAY }),
      experiments: await call('experiments.list'),
      empty,
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
