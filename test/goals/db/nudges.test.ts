import Database from 'better-sqlite3';
import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dayNumberToIso, isoToDayNumber, localIsoDate } from '../../../src-main/shared/dates';
import type { GoalNudges } from '../../../src-main/features/goals/contract/api';
import { nudgeContent } from '../../../src-main/platform/nudges';
import { postToBridge, startFixture, type PreviewFixture } from '../../preview/support';
import { nudge } from './helpers';

describe('the behind-pace notification', () => {
  it('names the goals, a few at most, in English or Italian', () => {
    expect(nudgeContent([nudge('Deals', 'behind')], 'en-GB')).toEqual({
      title: 'A goal is behind pace',
      body: 'Deals: behind pace',
    });
    const many = ['A', 'B', 'C', 'D', 'E'].map((t) => nudge(t, 'at_risk'));
    expect(nudgeContent(many, 'it')).toEqual({
      title: '5 obiettivi sono in ritardo',
      body: 'A: a rischio\nB: a rischio\nC: a rischio\ne altri 2',
    });
  });
});

describe('the preview poller', () => {
  let fx: PreviewFixture;
  beforeEach(async () => {
    fx = await startFixture();
  });
  afterEach(() => fx.cleanup());

  const invoke = async (channel: string, input: unknown): Promise<{ ok: boolean; value?: unknown }> =>
    JSON.parse((await postToBridge(fx.preview, { channel: `rapport:${channel}`, input })).body) as {
      ok: boolean;
      value?: unknown;
    };

  it('pushes goals.behind to a page once its first screen is shown, once a day per goal (the ledger says so)', async () => {
    // A month either side of today, nothing done: whatever the date, the goal is at risk.
    const today = isoToDayNumber(localIsoDate(new Date()));
    const created = await invoke('goals.create', {
      title: 'Deals',
      metric: 'deals_won',
      target: 40,
      period: { kind: 'fixed', from: dayNumberToIso(today - 30), to: dayNumberToIso(today + 30) },
    });
    expect(created.ok).toBe(true);
    const { hostname, port, host } = new URL(fx.preview.origin);
    const pushed = await new Promise<GoalNudges>((resolve, reject) => {
      const req = request(
        { hostname, port, path: '/__rapport/events', headers: { host, 'x-rapport-token': fx.preview.token } },
        (res) => {
          // Connected: the page's first screen has its data, as the shell then says.
          void invoke('app.firstScreenShown', {});
          let buffer = '';
          res.on('data', (chunk: Buffer) => {
            buffer += chunk.toString('utf8');
            for (const line of buffer.split('\n').filter((l) => l.startsWith('data: '))) {
              const event = JSON.parse(line.slice(6)) as { channel: string; payload: GoalNudges };
              if (event.channel === 'rapport-event:goals.behind') {
                resolve(event.payload);
                req.destroy();
              }
            }
          });
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(pushed.items).toEqual([expect.objectContaining({ title: 'Deals', status: 'at_risk', actual: 0 })]);
    const ledger = new Database(fx.dbPath, { readonly: true });
    try {
      expect(ledger.prepare('SELECT goal_id, on_date, status FROM goal_nudges').all()).toEqual([
        { goal_id: 1, on_date: pushed.asOf, status: 'at_risk' },
      ]);
    } finally {
      ledger.close();
    }
    // Asked again the same day, there is nothing new to say.
    expect(await invoke('goals.nudges', {})).toEqual({ ok: true, value: { asOf: pushed.asOf, items: [] } });
  });
});
