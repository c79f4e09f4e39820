import type Database from 'better-sqlite3';
import fc from 'fast-check';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { takeBackInterruptedImports } from '../../src-main/db/importSteps';
import { dispatch } from '../../src-main/ipc/register';
import type { Channel } from '../../src-main/shared/api';
import type { DB } from '../../src-main/db/schema';
import { emptyFollowUpList, FOLLOW_UP_BUCKETS, type FollowUpList } from '../../src-main/features/care/contract';
import { atRiskOf } from '../../src-main/features/care/atRisk';
import {
  bucketOf,
  dueFollowUps,
  followUpsOf,
  loadCareState,
  loadDueState,
  noNextStepOf,
} from '../../src-main/features/care/followups';
import { customersChangedAfter, customersForRules } from '../../src-main/features/care/plainFollowUps';
import { latestRatings } from '../../src-main/features/care/facts';
import { SaleEntry } from '../../src-main/features/sales/contract';
import { median } from '../../src-main/shared/statistics/order';
import { daysBetween } from '../../src-main/shared/dates';
import { openDatabase } from '../../src-main/db/connection';
import { FIXED_NOW, freshStore, type TestStore } from '../helpers/store';
import { applyEach, applySaleWrite, dayOf, everySaleWrite, pick, salesCsv, saleWrites } from '../helpers/randomWrites';
import type { SaleWrite } from '../helpers/randomWrites';
import { caller } from './helpers';
import { expectCustomerTotalsRecomputed } from '../customers/customerTotalsCheck';
import { expectDueDaysRecomputed } from './dueDaysCheck';

/**
 * customer_care_facts (db/careFacts.ts) after every kind of write the app makes, through its own
 * handlers: the table equals a recomputation written out here from the interactions, check-ins
 * and sales; and the follow-ups list, its pages and counts, and the badge read through it equal
 * the JS rules run over every customer (followUpsOf on the whole state, as before the table).
 */

const SEGMENTS = ['Enterprise', 'SMB', null] as const;
const TAGS = ['VIP', 'Key'] as const;

const saleFields = fc.record({
  customer: fc.nat(),
  status: fc.constantFrom('won' as const, 'won' as const, 'won' as const, 'lost' as const, 'open' as const),
  opened: fc.integer({ min: 0, max: 250 }),
  length: fc.integer({ min: 0, max: 7 }),
  satisfaction: fc.option(fc.integer({ min: 1, max: 5 })),
  nps: fc.option(fc.integer({ min: 0, max: 10 })),
});
type SaleFields = typeof saleFields extends fc.Arbitrary<infer S> ? S : never;

const importRow = fc.record({
  day: fc.integer({ min: 0, max: 257 }),
  customer: fc.constantFrom('Ann', 'Bob', 'New 1', 'New 2'),
  status: fc.constantFrom('won', 'won', 'lost', 'open'),
  satisfaction: fc.option(fc.integer({ min: 1, max: 5 })),
});
type ImportRow = typeof importRow extends fc.Arbitrary<infer R> ? R : never;

const rule = fc.oneof(
  fc.record({ scope: fc.constant('default' as const) }),
  fc.record({ scope: fc.constant('segment' as const), value: fc.constantFrom('Enterprise', 'SMB') }),
  fc.record({ scope: fc.constant('tag' as const), value: fc.constantFrom(...TAGS) }),
  fc.record({ scope: fc.constant('customer' as const), pick: fc.nat() }),
);

/** A day of the book: nothing is dated after the fixed clock (day 257). */
const DAY = fc.integer({ min: 0, max: 257 });
/** A write of `kind` on the `pick`-th row of something, with more fields. */
const picked = <K extends string, M extends object>(kind: K, more: fc.Arbitrary<M>) =>
  fc.tuple(fc.nat(), more).map(([pick, m]) => ({ kind, pick, ...m }));

const careWrites = [
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('addCustomer' as const),
      segment: fc.constantFrom(...SEGMENTS),
      tags: fc.subarray([...TAGS]),
    }),
  },
  {
    weight: 1,
    arbitrary: picked(
      'editCustomer' as const,
      fc.record({ segment: fc.constantFrom(...SEGMENTS), tags: fc.subarray([...TAGS]) }),
    ),
  },
  { weight: 3, arbitrary: picked('interaction' as const, fc.record({ on: DAY })) },
  { weight: 1, arbitrary: picked('deleteInteraction' as const, fc.constant({})) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('rules' as const),
      rules: fc.array(
        fc.record({ rule, ideal: fc.integer({ min: 1, max: 60 }), extra: fc.integer({ min: 0, max: 60 }) }),
        { maxLength: 4 },
      ),
    }),
  },
  { weight: 2, arbitrary: picked('snooze' as const, fc.record({ days: fc.integer({ min: 1, max: 40 }) })) },
  { weight: 1, arbitrary: picked('done' as const, fc.constant({})) },
  { weight: 1, arbitrary: picked('archive' as const, fc.record({ archived: fc.boolean() })) },
  { weight: 1, arbitrary: picked('complaint' as const, fc.record({ on: DAY })) },
] as const;
type CareWrite = (typeof careWrites)[number]['arbitrary'] extends fc.Arbitrary<infer W> ? W : never;
type Write = SaleWrite<SaleFields, ImportRow> | CareWrite;
const write: fc.Arbitrary<Write> = fc.oneof(...saleWrites(saleFields, importRow), ...careWrites);

const ids = (sqlite: Database.Database, statement: string): number[] =>
  sqlite.prepare(statement).pluck().all() as number[];

async function apply(t: TestStore, w: Write, n: number): Promise<boolean> {
  const call = caller(t);
  const customers = ids(t.store.sqlite, 'SELECT id FROM customers ORDER BY id');
  switch (w.kind) {
    case 'addCustomer':
      await call('customers.create', { name: `Customer ${n}`, segment: w.segment, tags: w.tags });
      return true;
    case 'editCustomer': {
      const id = pick(customers, w.pick);
      if (id === undefined) return false;
      const name = t.store.sqlite.prepare('SELECT name FROM customers WHERE id = ?').pluck().get(id) as string;
      await call('customers.update', { id, customer: { name, segment: w.segment, tags: w.tags } });
      return true;
    }
    case 'interaction': {
      const customerId = pick(customers, w.pick);
      if (customerId === undefined) return false;
      await call('care.interactions.create', { customerId, kind: 'call', occurredOn: dayOf(w.on), summary: 'Talked' });
      return true;
    }
    case 'deleteInteraction': {
      const id = pick(ids(t.store.sqlite, 'SELECT id FROM interactions ORDER BY id'), w.pick);
      if (id === undefined) return false;
      await call('care.interactions.delete', { id });
      return true;
    }
    case 'rules': {
      const rules = w.rules.map((r) => ({
        scope: r.rule.scope,
        value: 'value' in r.rule ? r.rule.value : null,
        customerId: 'pick' in r.rule ? (pick(customers, r.rule.pick) ?? null) : null,
        idealDays: r.ideal,
        maxDays: r.ideal + r.extra,
      }));
      // One rule per scope, value and customer (the contract refuses two); none for a customer not yet made.
      const key = (r: (typeof rules)[number]) => `${r.scope} ${r.value} ${r.customerId}`;
      await call('care.contactRules.set', {
        rules: rules
          .filter((r) => r.scope !== 'customer' || r.customerId !== null)
          .filter((r, i, all) => all.findIndex((o) => key(o) === key(r)) === i),
      });
      return true;
    }
    case 'snooze':
    case 'done': {
      const list = await call('care.followups.list', { kinds: ['stay_in_touch', 'reorder'] });
      const item = pick(
        FOLLOW_UP_BUCKETS.flatMap((b) => list[b]),
        w.pick,
      );
      if (item === undefined) return false;
      if (w.kind === 'snooze') await call('care.followups.snooze', { id: item.id, days: w.days });
      else await call('care.followups.done', { id: item.id });
      return true;
    }
    case 'archive': {
      const id = pick(customers, w.pick);
      if (id === undefined) return false;
      await call('customers.setArchived', { id, archived: w.archived });
      return true;
    }
    case 'complaint': {
      const customerId = pick(customers, w.pick);
      if (customerId === undefined) return false;
      await call('care.complaints.create', {
        customerId,
        openedOn: dayOf(w.on),
        source: 'call',
        category: 'service',
        description: 'Late',
      });
      return true;
    }
    default:
      return applySaleWrite(t, w, n, {
        sale: (s) =>
          SaleEntry.parse({
            title: `Deal ${n}`,
            customerId: pick(customers, s.customer),
            amountMinor: 1000,
            currency: 'EUR',
            status: s.status,
            openedOn: dayOf(s.opened),
            closedOn: s.status === 'open' ? null : dayOf(s.opened + s.length),
            satisfaction: s.status === 'open' ? null : s.satisfaction,
            nps: s.status === 'open' ? null : s.nps,
          }),
        csv: (rows) => salesCsv(rows, n),
      });
  }
}

/** The table as it should be, worked out here from the rows it summarises. */
function expectedCareFacts(sqlite: Database.Database): unknown[] {
  const rowsOf = <T>(statement: string) => sqlite.prepare(statement).all() as T[];
  const facts = new Map<number, { contact: string | null; open: number; days: Set<string> }>();
  const of = (id: number) => {
    let f = facts.get(id);
    if (!f) facts.set(id, (f = { contact: null, open: 0, days: new Set() }));
    return f;
  };
  const contact = (id: number, day: string) => {
    const f = of(id);
    if (f.contact === null || day > f.contact) f.contact = day;
  };
  for (const r of rowsOf<{ customer_id: number; occurred_on: string }>(
    'SELECT customer_id, occurred_on FROM interactions',
  ))
    contact(r.customer_id, r.occurred_on);
  for (const r of rowsOf<{ customer_id: number; completed_on: string }>(
    "SELECT customer_id, completed_on FROM check_ins WHERE status = 'done'",
  ))
    contact(r.customer_id, r.completed_on);
  for (const r of rowsOf<{ customer_id: number; status: string; closed_on: string | null }>(
    'SELECT customer_id, status, closed_on FROM sales',
  )) {
    const f = of(r.customer_id);
    if (r.closed_on === null) f.open++;
    if (r.status === 'won') {
      f.days.add(r.closed_on!);
      contact(r.customer_id, r.closed_on!);
    }
  }
  // A row for each customer in touch or with an open sale.
  return [...facts.entries()]
    .filter(([, f]) => f.contact !== null || f.open > 0)
    .sort(([a], [b]) => a - b)
    .map(([id, f]) => {
      const days = [...f.days].sort();
      const gaps = days.slice(1).map((d, i) => daysBetween(days[i]!, d));
      return {
        customer_id: id,
        last_contact_on: f.contact,
        open_sales: f.open,
        purchase_days: days.length,
        last_purchase_on: days.at(-1) ?? null,
        usual_days: gaps.length === 0 ? null : Math.round(median(gaps)),
      };
    });
}

/**
 * customer_rating_facts as it should be: each customer's latest NPS and satisfaction of done
 * check-ins and won sales; on one day a check-in's before a sale's, of one source the latest id.
 * With `asOf`, the answers given by then, of active customers (latestRatings').
 */
function expectedRatingFacts(sqlite: Database.Database, asOf?: string): unknown[] {
  const active = new Set(sqlite.prepare('SELECT id FROM customers WHERE archived_at IS NULL').pluck().all());
  const answers = (
    sqlite
      .prepare(
        `SELECT customer_id, completed_on AS day, 1 AS source, id, nps, csat FROM check_ins WHERE status = 'done'
         UNION ALL
         SELECT customer_id, closed_on, 0, id, nps, satisfaction FROM sales WHERE status = 'won'`,
      )
      .all() as {
      customer_id: number;
      day: string;
      source: number;
      id: number;
      nps: number | null;
      csat: number | null;
    }[]
  ).filter((a) => asOf === undefined || (a.day <= asOf && active.has(a.customer_id)));
  const later = (a: (typeof answers)[number], b: (typeof answers)[number]) =>
    a.day !== b.day ? a.day > b.day : a.source !== b.source ? a.source > b.source : a.id > b.id;
  const latest = new Map<number, { nps?: (typeof answers)[number]; csat?: (typeof answers)[number] }>();
  for (const a of answers) {
    const l = latest.get(a.customer_id) ?? {};
    if (a.nps !== null && (!l.nps || later(a, l.nps))) l.nps = a;
    if (a.csat !== null && (!l.csat || later(a, l.csat))) l.csat = a;
    latest.set(a.customer_id, l);
  }
  return [...latest.entries()]
    .filter(([, l]) => l.nps || l.csat)
    .sort(([a], [b]) => a - b)
    .map(([id, l]) => ({
      customer_id: id,
      nps: l.nps?.nps ?? null,
      nps_on: l.nps?.day ?? null,
      csat: l.csat?.csat ?? null,
      csat_on: l.csat?.day ?? null,
    }));
}

function expectCareFactsRecomputed(sqlite: Database.Database, after: string): void {
  expect(sqlite.prepare('SELECT * FROM customer_care_facts ORDER BY customer_id').all(), after).toEqual(
    expectedCareFacts(sqlite),
  );
  expect(sqlite.prepare('SELECT * FROM customer_rating_facts ORDER BY customer_id').all(), after).toEqual(
    expectedRatingFacts(sqlite),
  );
}

/** The list as the JS rules make it over every active customer (what listFollowUps returned before the table). */
async function expectedList(db: Kysely<DB>, asOf: string, limit: number): Promise<FollowUpList> {
  const state = await loadCareState(db, asOf);
  const all = followUpsOf(state);
  const list = emptyFollowUpList(asOf);
  for (const item of all) {
    const bucket = bucketOf(item.dueOn, asOf);
    if (list.counts[bucket]++ < limit) list[bucket].push(item);
  }
  const idle = noNextStepOf(state, all);
  list.noNextStep = { items: idle.slice(0, limit), total: idle.length };
  return list;
}

/**
 * Today (the fixed clock), a day with later records (their customers set apart for the JS rules,
 * or everyone's rows read when there are many), and a day ahead.
 */
const AS_OF = [dayOf(257), dayOf(180), dayOf(300)];

/** Runs `fn` on a fresh store, cleaned up after. */
/** latestRatings (what the at-risk list reads for any day) equals the answers given by then. */
async function expectLatestRatings(t: TestStore, after: string): Promise<void> {
  for (const asOf of AS_OF) {
    const latest = [...(await latestRatings(t.store.db, asOf))].sort(([a], [b]) => a - b);
    expect(
      latest.map(([id, l]) => ({
        customer_id: id,
        nps: l.nps?.value ?? null,
        nps_on: l.nps?.on ?? null,
        csat: l.csat?.value ?? null,
        csat_on: l.csat?.on ?? null,
      })),
      `${after}, latest answers as of ${asOf}`,
    ).toEqual(expectedRatingFacts(t.store.sqlite, asOf));
  }
}

/** A new customer `name` with a sale won on `day` (200 unless given). */
async function customerWhoBought(call: ReturnType<typeof caller>, name: string, day = 200): Promise<{ id: number }> {
  const customer = await call('customers.create', { name });
  await call('sales.create', {
    title: `Deal of ${name}`,
    customerId: customer.id,
    amountMinor: 1000,
    currency: 'EUR',
    status: 'won',
    openedOn: dayOf(day),
    closedOn: dayOf(day),
  });
  return customer;
}

async function inFreshStore(fn: (t: TestStore, call: ReturnType<typeof caller>) => Promise<void>): Promise<void> {
  const t = await freshStore();
  try {
    await fn(t, caller(t));
  } finally {
    await t.cleanup();
  }
}

/**
 * `apartToday`: the customers the kept due days set apart today for the JS rules (customersForRules:
 * none as a rule, as nothing is recorded after today; null when they answer for nobody, while an
 * import batch is deferred).
 */
async function expectSameFollowUps(
  t: TestStore,
  after: string,
  apartToday: readonly number[] | null = [],
): Promise<void> {
  const call = caller(t);
  expect((await customersForRules(t.store.db, AS_OF[0]!))?.changed ?? null, after).toEqual(apartToday);
  for (const asOf of AS_OF) {
    for (const limit of [2, 200]) {
      const what = `${after}, as of ${asOf}, ${limit} a page`;
      expect(await call('care.followups.list', { asOf, limit }), what).toEqual(
        await expectedList(t.store.db, asOf, limit),
      );
    }
    const risk = atRiskOf(
      await loadCareState(t.store.db, asOf, undefined, { ratings: true, checkInsDueBy: asOf, actions: false }),
    );
    for (const limit of [1, 2, 200])
      expect(await call('care.atRisk', { asOf, limit }), `${after}, at risk as of ${asOf}, ${limit} a page`).toEqual({
        items: risk.slice(0, limit),
        total: risk.length,
      });
    expect(await dueFollowUps(t.store.db, asOf), `${after}, reminders as of ${asOf}`).toEqual(
      followUpsOf(await loadDueState(t.store.db, asOf)).filter((i) => i.dueOn <= asOf),
    );
    const due = followUpsOf(await loadCareState(t.store.db, asOf)).filter((i) => i.dueOn <= asOf);
    const overdue = due.filter((i) => i.dueOn < asOf).length;
    expect(await call('care.followups.count', { asOf }), `${after}, badge as of ${asOf}`).toEqual({
      asOf,
      overdue,
      today: due.length - overdue,
      due: due.length,
    });
  }
}

describe('care facts: the per-customer table after every kind of write (property, real SQLite, handlers)', () => {
  it('equals a recomputation, and the follow-ups and badge read through it equal the JS rules', async () => {
    const made = new Set<Write['kind']>();
    let items = 0;
    let merged = 0;
    const atRiskFrom = { sold: 0, contacted: 0, kept: 0, contactedThen: 0 };
    // Follow-ups as of a past day with some customers set apart for the JS rules, the rest kept.
    let setApart = 0;
    const reasons = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.array(write, { minLength: 1, maxLength: 12 }), async (writes) => {
        const t = await freshStore();
        try {
          const call = caller(t);
          for (const name of ['Ann', 'Bob'])
            await call('customers.create', { name, segment: 'Enterprise', tags: ['VIP'] });
          await applyEach(
            writes,
            (w, n) => apply(t, w, n),
            made,
            async (after) => {
              expectCareFactsRecomputed(t.store.sqlite, after);
              expectCustomerTotalsRecomputed(t.store.sqlite, after);
              expectDueDaysRecomputed(t.store.sqlite, after);
              await expectLatestRatings(t, after);
              await expectSameFollowUps(t, after);
              const list = await call('care.followups.list', { asOf: AS_OF[0] });
              items += FOLLOW_UP_BUCKETS.reduce((n, b) => n + list.counts[b], 0);
              const due = FOLLOW_UP_BUCKETS.flatMap((b) => list[b]);
              merged += due.filter((i) => i.kind === 'check_in' && i.also.length > 0).length;
              const risk = await call('care.atRisk', { asOf: AS_OF[0] });
              for (const r of risk.items.flatMap((a) => a.reasons)) reasons.add(r.code);
              // As of a past day, the customers with a sale won since are worked out from their
              // rows, those only in touch since from the facts with their last contact and answers
              // as of then, the rest from the facts: each kind at risk, merged.
              const changed = await customersChangedAfter(t.store.db, AS_OF[1]!);
              if (((await customersForRules(t.store.db, AS_OF[1]!))?.changed.length ?? 0) > 0) setApart++;
              const past = await call('care.atRisk', { asOf: AS_OF[1] });
              const sold = new Set(changed?.sold);
              const contacted = new Set(changed?.contacted);
              for (const a of past.items) {
                const source = sold.has(a.customerId) ? 'sold' : contacted.has(a.customerId) ? 'contacted' : 'kept';
                atRiskFrom[source]++;
                // …some of the contacted at risk for what changed since: a silence or an answer as of then.
                if (
                  source === 'contacted' &&
                  a.reasons.some((r) => ['no_contact', 'low_nps', 'low_csat'].includes(r.code))
                )
                  atRiskFrom.contactedThen++;
              }
            },
          );
        } finally {
          await t.cleanup();
        }
      }),
      {
        numRuns: 60,
        examples: [
          [
            [
              // Keeping in touch is due 3 days after the sale closed, with its day-3 check-in: it rides on it.
              { kind: 'rules', rules: [{ rule: { scope: 'default' }, ideal: 3, extra: 10 }] },
              ...everySaleWrite<SaleFields, ImportRow>(
                { customer: 0, status: 'won', opened: 250, length: 2, satisfaction: 2, nps: 6 },
                { day: 120, customer: 'New 1', status: 'won', satisfaction: 1 },
              ),
              { kind: 'interaction', pick: 1, on: 200 },
              { kind: 'snooze', pick: 0, days: 5 },
              { kind: 'done', pick: 1 },
              { kind: 'deleteInteraction', pick: 0 },
              { kind: 'complaint', pick: 0, on: 250 },
              { kind: 'archive', pick: 1, archived: true },
              { kind: 'addCustomer', segment: 'SMB', tags: ['Key'] },
            ],
          ],
          [
            [
              // As of the past day (AS_OF[1], day 180) Ann's latest NPS is a detractor's, and she has
              // been in touch since (day 200) without buying: at risk for an answer as of then.
              {
                kind: 'addSale',
                sale: { customer: 0, status: 'won', opened: 100, length: 0, satisfaction: 2, nps: 3 },
              },
              { kind: 'interaction', pick: 0, on: 200 },
            ],
          ],
          [
            // Bought every 10 days, last 17 days before today: a late reorder.
            [220, 230, 240].map((opened) => ({
              kind: 'addSale' as const,
              sale: { customer: 0, status: 'won' as const, opened, length: 0, satisfaction: null, nps: null },
            })),
          ],
        ],
      },
    );
    // Not vacuous: the lists compared held follow-ups, some riding on a check-in, and every kind of write was made.
    expect(items).toBeGreaterThan(30);
    expect(merged).toBeGreaterThan(0);
    expect(setApart).toBeGreaterThan(0);
    for (const [source, n] of Object.entries(atRiskFrom))
      expect(n, `at risk as of a past day, ${source}`).toBeGreaterThan(0);
    // …and the at-risk lists compared held every kind of reason.
    expect([...reasons].sort()).toEqual(
      ['late_reorder', 'low_csat', 'low_nps', 'no_contact', 'open_complaint', 'overdue_check_in'].sort(),
    );
    expect([...made].sort()).toEqual(
      [
        'addSale',
        'editSale',
        'deleteSale',
        'answerCheckIn',
        'skipCheckIn',
        'import',
        'undoImport',
        'addCustomer',
        'editCustomer',
        'interaction',
        'deleteInteraction',
        'rules',
        'snooze',
        'done',
        'archive',
        'complaint',
      ].sort(),
    );
  }, 600_000);

  it('pages items of one day and kind by name, customers added in the reverse order of their names', async () => {
    await inFreshStore(async (t, call) => {
      await call('care.contactRules.set', {
        rules: [{ scope: 'default', value: null, customerId: null, idealDays: 30, maxDays: 40 }],
      });
      for (const name of ['Zoe', 'Yan', 'Xia', 'Wes']) await customerWhoBought(call, name);
      const list = await call('care.followups.list', { asOf: dayOf(257), limit: 2 });
      // Not vacuous: more items of one day and kind than a page holds.
      const later = list.later.map((i) => i.customerName);
      expect(later).toEqual(['Wes', 'Xia']);
      await expectSameFollowUps(t, 'four customers alike but for their names');
    });
  });

  it('pages open complaints of one day by name: an archived customer’s are none, a never-in-touch one’s the JS rules’', async () => {
    await inFreshStore(async (t, call) => {
      // Today is day 257: complaints opened COMPLAINT_AGEING_DAYS (7) before remind today.
      const complain = (customerId: number) =>
        call('care.complaints.create', {
          customerId,
          openedOn: dayOf(250),
          source: 'call',
          category: 'service',
          description: 'Late',
        });
      for (const name of ['Zoe', 'Yan', 'Xia', 'Wes', 'Uma']) {
        const customer = await customerWhoBought(call, name);
        await complain(customer.id);
        if (name === 'Uma') await call('customers.setArchived', { id: customer.id, archived: true });
      }
      // Never in touch: no due days of theirs to page by, so the JS rules list theirs.
      await complain((await call('customers.create', { name: 'Vic' })).id);
      const today = dayOf(257);
      const list = await call('care.followups.list', { asOf: today, limit: 2 });
      // Not vacuous: more complaints of one day than a page holds, with the JS rules' one first by name.
      expect(list.today.map((i) => [i.kind, i.customerName])).toEqual([
        ['complaint', 'Vic'],
        ['complaint', 'Wes'],
      ]);
      expect(list.counts.today).toBe(5);
      const only = await call('care.followups.list', { asOf: today, kinds: ['complaint'], limit: 3 });
      expect(only.today.map((i) => i.customerName)).toEqual(['Vic', 'Wes', 'Xia']);
      expect(only.counts).toEqual({ overdue: 0, today: 5, week: 0, later: 0 });
      const none = await call('care.followups.list', { asOf: today, kinds: ['check_in'] });
      expect(none.counts.today).toBe(0);
      await expectSameFollowUps(t, 'complaints of five customers alike but for their names');
    });
  });

  it('describes a page’s check-in without the reminder that rides on a check-in of its customer off the pages', async () => {
    await inFreshStore(async (t, call) => {
      await call('care.contactRules.set', {
        rules: [{ scope: 'default', value: null, customerId: null, idealDays: 9, maxDays: 20 }],
      });
      await call('care.cadence.set', { defaultDays: [8, 10, 90] });
      // Ann's check-ins are due on days 264 (this week), 266 and 346 (later); keeping in touch on
      // day 265, within MERGE_DAYS of 264 and 266: it rides on the sooner. Bob's, on days 258
      // and 260 (this week) and 340, fill this week's page of one.
      for (const [name, day] of [
        ['Ann', 256],
        ['Bob', 250],
      ] as const)
        await customerWhoBought(call, name, day);
      const list = await call('care.followups.list', { asOf: dayOf(257), limit: 1 });
      const described = (b: 'week' | 'later') =>
        list[b].map((i) => [i.customerName, i.dueOn, i.kind === 'check_in' ? i.also.map((a) => a.kind) : i.kind]);
      expect(described('week')).toEqual([['Bob', dayOf(258), ['stay_in_touch']]]);
      expect(described('later')).toEqual([['Ann', dayOf(266), []]]);
      expect(list.counts).toEqual({ overdue: 0, today: 0, week: 3, later: 3 });
      await expectSameFollowUps(t, 'a reminder riding on the sooner of two check-ins, off the pages');
    });
  });

  it('sets apart for the JS rules only the customers with a purchase or a contact dated after the day asked about', async () => {
    await inFreshStore(async (t, call) => {
      await call('care.contactRules.set', {
        rules: [{ scope: 'default', value: null, customerId: null, idealDays: 30, maxDays: 40 }],
      });
      const [ann, bob] = [await customerWhoBought(call, 'Ann'), await customerWhoBought(call, 'Bob')];
      const cyd = await customerWhoBought(call, 'Cyd', 220);
      // Bob's next deal is won on a day ahead of today, typed in advance: as of today he is still
      // due to be kept in touch with (since day 200), which his kept due days no longer say.
      await call('sales.create', {
        title: 'Renewal of Bob',
        customerId: bob.id,
        amountMinor: 1000,
        currency: 'EUR',
        status: 'won',
        openedOn: dayOf(257),
        closedOn: dayOf(262),
      });
      const today = dayOf(257);
      expect(await customersForRules(t.store.db, today)).toEqual({ kept: [], changed: [bob.id] });
      const list = await call('care.followups.list', { asOf: today });
      // Not vacuous: Bob's item comes from the JS rules, Ann's and Cyd's from the kept due days.
      expect(list.overdue.map((i) => [i.customerId, i.kind])).toEqual([
        [ann.id, 'stay_in_touch'],
        [bob.id, 'stay_in_touch'],
        [cyd.id, 'check_in'],
      ]);
      await expectSameFollowUps(t, 'a sale won on a day ahead', [bob.id]);
      // As of his renewal, nobody has anything later: the kept due days answer for all.
      expect(await customersForRules(t.store.db, dayOf(262))).toEqual({ kept: [], changed: [] });
    });
  });

  it('refuses a bad day or page size for the at-risk list, the follow-ups and the badge, naming the field', async () => {
    await inFreshStore(async (t) => {
      const ask = (channel: Channel, input: unknown) => dispatch(t.handlers, channel, input, () => undefined);
      const bad: [Channel, unknown, string][] = [
        ['care.atRisk', { asOf: '2026-13-01' }, 'asOf'],
        ['care.atRisk', { limit: 0 }, 'limit'],
        ['care.atRisk', { limit: 2001 }, 'limit'],
        ['care.followups.list', { asOf: 'today' }, 'asOf'],
        ['care.followups.list', { limit: -1 }, 'limit'],
        ['care.followups.count', { asOf: '2026-02-30' }, 'asOf'],
      ];
      for (const [channel, input, field] of bad) {
        const reply = await ask(channel, input);
        expect(reply, `${channel} ${JSON.stringify(input)}`).toMatchObject({
          ok: false,
          error: { code: 'invalid_input', issues: [expect.objectContaining({ path: field })] },
        });
      }
      // The same channels answer well-formed input.
      expect(await ask('care.atRisk', { asOf: dayOf(257), limit: 1 })).toEqual({
        ok: true,
        value: { items: [], total: 0 },
      });
    });
  });

  it('equals a recomputation after the sample book is written in bulk, and after it is removed', async () => {
    await inFreshStore(async (t, call) => {
      // A customer of the seller's own first, in touch before the sample comes.
      const own = await call('customers.create', { name: 'Own' });
      await call('care.interactions.create', {
        customerId: own.id,
        kind: 'call',
        occurredOn: dayOf(100),
        summary: 'Hi',
      });
      await t.handlers['onboarding.start']({ mode: 'sample' });
      expect(t.store.sqlite.prepare('SELECT count(*) FROM customer_care_facts').pluck().get()).toBeGreaterThan(100);
      expectCareFactsRecomputed(t.store.sqlite, 'sample added');
      expectCustomerTotalsRecomputed(t.store.sqlite, 'sample added');
      expectDueDaysRecomputed(t.store.sqlite, 'sample added');
      await expectSameFollowUps(t, 'sample added', (await customersForRules(t.store.db, AS_OF[0]!))?.changed ?? null);
      await t.handlers['onboarding.removeSample']({});
      expectCareFactsRecomputed(t.store.sqlite, 'sample removed');
      expectCustomerTotalsRecomputed(t.store.sqlite, 'sample removed');
      expectDueDaysRecomputed(t.store.sqlite, 'sample removed');
      expect(t.store.sqlite.prepare('SELECT customer_id FROM customer_care_facts').pluck().all()).toEqual([own.id]);
    });
  }, 120_000);

  it('reads every customer while the due days are stale; saving the rules, or opening the book, refreshes them', async () => {
    await inFreshStore(async (t, call) => {
      await t.handlers['onboarding.start']({ mode: 'sample' });
      expectDueDaysRecomputed(t.store.sqlite, 'sample added');
      // A segment's rule changed behind the app's back (another tool, a restore of a rules row):
      // the kept days are stale, and the lists read every customer the JS rules' way instead.
      const behindTheApp = (ideal: number): void => {
        t.store.sqlite.exec(`UPDATE contact_rules SET ideal_days = ${ideal}, max_days = 90 WHERE scope = 'segment'`);
      };
      behindTheApp(5);
      await expectSameFollowUps(t, 'rules changed behind the app', null);
      const rules = await call('care.contactRules.get', {});
      await call('care.contactRules.set', {
        rules: rules.map(({ customerName: _name, ...rule }) => rule),
      });
      expectDueDaysRecomputed(t.store.sqlite, 'rules saved');
      await expectSameFollowUps(t, 'rules saved');
      behindTheApp(7);
      const reopened = await openDatabase(t.store.file, { now: () => FIXED_NOW });
      try {
        expectDueDaysRecomputed(reopened.sqlite, 'book opened again');
      } finally {
        await reopened.close();
      }
    });
  }, 120_000);

  it('equals a recomputation after an import cut short between its steps is taken back', async () => {
    await inFreshStore(async (t, call) => {
      const ann = await call('customers.create', { name: 'Ann' });
      await call('sales.create', {
        title: 'Own',
        customerId: ann.id,
        amountMinor: 100,
        currency: 'EUR',
        status: 'won',
        openedOn: dayOf(10),
        closedOn: dayOf(10),
      });
      // A batch whose process is gone, its sales still deferred: one for Ann, one for a customer it made.
      t.store.sqlite.exec(`
        INSERT INTO import_batches (id, kind, source_name, source_sha256, created_at, running_pid)
          VALUES (9, 'sales', 'cut.csv', '', '2026-06-15T09:00:00.000Z', 999999);
        INSERT INTO sales_facts_deferred VALUES (9);
        INSERT INTO technique_facts_deferred VALUES (9);
        INSERT INTO customers (id, name, name_key, created_at, updated_at, import_batch_id)
          VALUES (50, 'Cut', 'cut', 'x', 'x', 9);
        INSERT INTO sales (title, customer_id, amount_minor, currency, status, opened_on, closed_on, created_at,
          updated_at, import_batch_id) VALUES
          ('b', 50, 500, 'EUR', 'won', '${dayOf(20)}', '${dayOf(20)}', 'x', 'x', 9),
          ('c', ${ann.id}, 700, 'EUR', 'won', '${dayOf(30)}', '${dayOf(30)}', 'x', 'x', 9);`);
      // Deferred: the facts do not count the batch yet, and the follow-ups are read the slow way meanwhile.
      await expectSameFollowUps(t, 'batch deferred', null);
      expect(takeBackInterruptedImports(t.store.sqlite, () => false)).toEqual([9]);
      expectCareFactsRecomputed(t.store.sqlite, 'batch taken back');
      expectCustomerTotalsRecomputed(t.store.sqlite, 'batch taken back');
      expectDueDaysRecomputed(t.store.sqlite, 'batch taken back');
      expect(t.store.sqlite.prepare('SELECT * FROM customer_won_totals').all()).toEqual([
        { customer_id: ann.id, purchases: 1, last_purchase_on: dayOf(10) },
      ]);
      expect(t.store.sqlite.prepare('SELECT * FROM customer_care_facts').all()).toEqual([
        {
          customer_id: ann.id,
          last_contact_on: dayOf(10),
          open_sales: 0,
          purchase_days: 1,
          last_purchase_on: dayOf(10),
          usual_days: null,
        },
      ]);
      await expectSameFollowUps(t, 'batch taken back');
    });
  });
});
