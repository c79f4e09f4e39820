import Database from 'better-sqlite3';
import { openDatabase } from '../src-main/db/connection';
import { createHandlers } from '../src-main/ipc/assemble';
const stats = new Map<string, { n: number; us: number }>();
const proto = (Database as any).prototype; const orig = proto.prepare; let on = false;
proto.prepare = function (this: unknown, sql: string) {
  const st = orig.call(this, sql);
  for (const m of ['run', 'get', 'all', 'iterate']) { const f = st[m]; st[m] = function (this: unknown, ...a: unknown[]) { if (!on) return f.apply(this, a); const t = process.cpuUsage(); const r = f.apply(this, a); const d = process.cpuUsage(t); const k = sql.replace(/\s+/g, ' ').slice(0, 110) + ' ' + JSON.stringify(a).slice(0, 80); const s = stats.get(k) ?? { n: 0, us: 0 }; s.n++; s.us += d.user + d.system; stats.set(k, s); return r; }; }
  return st;
};
const store = await openDatabase('/tmp/h1m.sqlite');
const NOW = new Date('2026-12-04T10:00:00Z');
const handlers = createHandlers(store, { now: () => NOW, version: 'b', platform: 'linux' }) as any;
const sections = (process.env.SECTIONS ?? 'quality').split(',');
const input = { from: process.env.FROM ?? '2025-12-01', to: process.env.TO ?? '2026-11-30', compare: 'previous', sections, anonymize: false, journalText: true, journalIds: [], comment: '' };
await handlers['report.build'](input);
on = true; const c = process.cpuUsage();
await handlers['report.build'](input);
const d = process.cpuUsage(c); on = false;
let tot = 0; for (const [, s] of stats) tot += s.us;
console.log('cpu', ((d.user + d.system) / 1000).toFixed(0), 'sql', (tot / 1000).toFixed(0));
for (const [k, s] of [...stats].sort((a, b) => b[1].us - a[1].us).slice(0, 12)) console.log((s.us / 1000).toFixed(1).padStart(8), s.n, k);
await store.close();
