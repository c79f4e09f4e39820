import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { localIsoDate } from '../../shared/dates';
import {
  emptyFollowUpList,
  FOLLOW_UP_BUCKETS,
  FOLLOW_UP_PREFIX,
  MERGE_DAYS,
  REORDER_LAPSED_FACTOR,
  REORDER_MIN_PURCHASES,
  WEEK_DAYS,
  type FollowUp,
  type FollowUpBucket,
  type FollowUpKind,
  type FollowUpList,
  type FollowUpQuery,
  type NoNextStep,
} from './contract';
import type { DB } from '../../db/schema';
import {
  activeComplaints,
  activeComplaintsOf,
  checkInsToDescribe,
  customerFacts,
  latestRatings,
  openActions,
  pendingCheckIns,
  purchaseDays,
  type ActiveComplaintRow,
  type OpenActionRow,
  type PendingCheckInRow,
  type Rating,
  type Who,
} from './facts';
import { readContactRules, readSnoozes, type SnoozeKind, type SnoozeRow } from './rulesRepository';
import { addDays, daysBetween } from '../../shared/dates';
import { median } from '../../shared/statistics';
import { contactRuleFor, type RuleLike } from './rules';
import { keptDueCounts, keptDueItems, keptList } from './dueFollowUps';
import {
  careFactRows,
  customersForRules,
  KIND_ORDER,
  ruleCustomerIds,
  type PlainItem,
  type RuleCustomers,
} from './plainFollowUps';

/** What the follow-ups and at-risk computations know about one active customer on `asOf`. */
export interface CustomerState {
  id: number;
  name: string;
  segment: string | null;
  tags: readonly string[];
  /** Latest interaction, completed check-in or won sale; else the day they were added. */
  lastContactOn: string;
  hasOpenSale: boolean;
  /**
   * The distinct days with a won sale: how many, the latest, and the median gap between them
   * rounded (the rhythm); given only from REORDER_MIN_PURCHASES days on (fewer say nothing).
   */
  purchases: Purchases | null;
  /** Latest answers; loaded only for the at-risk list (see loadCareState). */
  nps?: Rating;
  csat?: Rating;
}

export interface Purchases {
  days: number;
  lastOn: string;
  usualDays: number;
}

/** The purchase rhythm of distinct days (oldest first), or null under REORDER_MIN_PURCHASES of them. */
export function purchasesOf(days: readonly string[]): Purchases | null {
  if (days.length < REORDER_MIN_PURCHASES) return null;
  const gaps = days.slice(1).map((day, i) => daysBetween(days[i]!, day));
  return { days: days.length, lastOn: days.at(-1)!, usualDays: Math.round(median(gaps)) };
}

export interface CareState {
  asOf: string;
  customers: readonly CustomerState[];
  rules: readonly RuleLike[];
  snoozes: ReadonlyMap<string, SnoozeRow>;
  checkIns: readonly PendingCheckInRow[];
  complaints: readonly ActiveComplaintRow[];
  /** Open library action items with a due date (none when one customer is asked about). */
  actions: readonly OpenActionRow[];
}

const snoozeKey = (kind: SnoozeKind, customerId: number): string => `${kind}:${customerId}`;
export const snoozesByKey = (snoozes: readonly SnoozeRow[]): Map<string, SnoozeRow> =>
  new Map(snoozes.map((s) => [snoozeKey(s.kind, s.customerId), s]));

/**
 * Everything the follow-ups (and the at-risk reasons) are computed from: of every active
 * customer, or of those `who` names. Options keep the
 * reading to what a caller uses, which at 100,000 sales is most of the cost:
 * - `ratings`: latest NPS and satisfaction answers, for the at-risk list only;
 * - `checkInsDueBy` / `complaintsDueBy`: only those due by that day (the badge and the
 *   reminders ask about what is due, not about the months ahead; the at-risk list about
 *   overdue check-ins, but every open complaint);
 * - `actions`: the library's action items, every dated open one (the default), only those
 *   due by a day, or none (`false`: the at-risk list, which is about customers). Some
 *   customers' state has none: they are nobody's.
 */
export async function loadCareState(
  db: Kysely<DB>,
  asOf: string,
  who?: Who,
  options: {
    ratings?: boolean;
    checkInsDueBy?: string;
    complaintsDueBy?: string;
    actions?: false | { dueBy?: string };
    /**
     * Only these customers' states (every check-in, complaint and action item still), read from
     * the care facts or from their rows as of `asOf` (RuleCustomers).
     */
    statesOf?: RuleCustomers;
    /** The contact rules, when the caller has read them. */
    rules?: readonly RuleLike[];
    /** Only these customers' pending check-ins (the others are paged by SQLite: dueFollowUps.ts). */
    checkInsOf?: readonly number[];
    /** Only these customers' open complaints (the others are paged by SQLite: dueFollowUps.ts). */
    complaintsOf?: readonly number[];
  } = {},
): Promise<CareState> {
  const actions = who !== undefined || options.actions === false ? null : (options.actions ?? {});
  const some = options.statesOf;
  const [customers, rules, snoozes, checkIns, complaints, actionRows] = await Promise.all([
    some ? statesOf(db, asOf, some) : customerStates(db, asOf, who, options.ratings ?? false),
    options.rules ?? readContactRules(db),
    readSnoozes(db, some ? ruleCustomerIds(some) : typeof who === 'number' ? [who] : who),
    pendingCheckIns(db, options.checkInsOf ?? who, options.checkInsDueBy),
    activeComplaints(db, options.complaintsOf ?? who, options.complaintsDueBy),
    actions === null ? [] : openActions(db, actions.dueBy),
  ]);
  return {
    asOf,
    customers,
    rules,
    snoozes: snoozesByKey(snoozes),
    checkIns,
    complaints,
    actions: actionRows,
  };
}

/** loadCareState's `statesOf`. */
async function statesOf(db: Kysely<DB>, asOf: string, { kept, changed }: RuleCustomers): Promise<CustomerState[]> {
  const [fromFacts, fromRows] = await Promise.all([
    statesFromFacts(db, kept),
    changed.length === 0 ? [] : customerStates(db, asOf, changed, false),
  ]);
  return [...fromFacts, ...fromRows];
}

/** The state of the active customers `who` names on `asOf`, by id; with their latest answers when `ratings`. */
export async function customerStates(
  db: Kysely<DB>,
  asOf: string,
  who: Who,
  ratings: boolean,
): Promise<CustomerState[]> {
  const [facts, bought, answers] = await Promise.all([
    customerFacts(db, asOf, who),
    purchaseDays(db, asOf, REORDER_MIN_PURCHASES, who),
    ratings ? latestRatings(db, asOf, who) : new Map<number, { nps?: Rating; csat?: Rating }>(),
  ]);
  return facts.map((f) => ({
    id: f.id,
    name: f.name,
    segment: f.segment,
    tags: JSON.parse(f.tags) as string[],
    lastContactOn: f.last_contact ?? localIsoDate(new Date(f.created_at)),
    hasOpenSale: f.has_open_sale === 1,
    purchases: purchasesOf(bought.get(f.id) ?? []),
    ...answers.get(f.id),
  }));
}

/**
 * customerStates (without ratings) read from the care facts, which must hold for `asOf`
 * (customersForRules): one row per customer instead of probes into their history. With `contactsBy`,
 * the day asked about, the facts must hold for it but for the customers' last contact, which is
 * read as of then (customers in touch since, who have won no sale since).
 */
export async function statesFromFacts(
  db: Kysely<DB>,
  ids: readonly number[],
  contactsBy?: string,
): Promise<CustomerState[]> {
  return (await careFactRows(db, ids, contactsBy)).map((f) => ({
    id: f.id,
    name: f.name,
    segment: f.segment,
    tags: JSON.parse(f.tags) as string[],
    lastContactOn: f.last_contact_on ?? localIsoDate(new Date(f.created_at)),
    hasOpenSale: (f.open_sales ?? 0) > 0,
    purchases:
      f.purchase_days !== null && f.purchase_days >= REORDER_MIN_PURCHASES
        ? { days: f.purchase_days, lastOn: f.last_purchase_on!, usualDays: f.usual_days! }
        : null,
  }));
}

/** A snooze holds while the computed date it moved is still the computed date. */
function snoozed(state: CareState, kind: SnoozeKind, customerId: number, computedDue: string): string {
  const snooze = state.snoozes.get(snoozeKey(kind, customerId));
  return snooze && snooze.basisOn === computedDue ? snooze.dueOn : computedDue;
}

/**
 * Each kind of follow-up is built as one object literal, its shared fields (id … daysOverdue)
 * written out in each: building them by spreading a shared base made the follow-ups three
 * times slower at 100,000 sales (bench/care.ts), as V8 copies every spread property.
 */
type Item<K extends FollowUpKind> = Extract<FollowUp, { kind: K }>;

/**
 * Due once the ideal interval has passed since the last contact. Fine before that, due soon
 * from the ideal to the maximum interval, overdue beyond the maximum.
 */
export function stayInTouchFor(
  state: CareState,
  customer: CustomerState,
  rule: RuleLike,
): Item<'stay_in_touch'> & { computedDueOn: string } {
  const since = daysBetween(customer.lastContactOn, state.asOf);
  const computedDueOn = addDays(customer.lastContactOn, rule.idealDays);
  const dueOn = snoozed(state, 'stay_in_touch', customer.id, computedDueOn);
  return {
    id: `${FOLLOW_UP_PREFIX.stay_in_touch}${customer.id}`,
    kind: 'stay_in_touch',
    customerId: customer.id,
    customerName: customer.name,
    saleId: null,
    saleTitle: null,
    dueOn,
    status: since > rule.maxDays ? 'overdue' : since >= rule.idealDays ? 'due_soon' : 'fine',
    daysOverdue: daysBetween(dueOn, state.asOf),
    lastContactOn: customer.lastContactOn,
    daysSinceContact: since,
    idealDays: rule.idealDays,
    maxDays: rule.maxDays,
    computedDueOn,
  };
}

/**
 * From REORDER_MIN_PURCHASES purchase days on, the customer's rhythm is the median gap
 * between them; the next purchase is expected one rhythm after the last and late after that.
 * None while a sale is open (the next purchase is under way) or once the customer has
 * lapsed (REORDER_LAPSED_FACTOR rhythms without buying: a rhythm that old predicts nothing).
 */
export function reorderFor(
  state: CareState,
  customer: CustomerState,
): (Item<'reorder'> & { computedDueOn: string }) | null {
  if (!customer.purchases || customer.hasOpenSale) return null;
  const { usualDays, lastOn: last } = customer.purchases;
  const since = daysBetween(last, state.asOf);
  if (since > REORDER_LAPSED_FACTOR * usualDays) return null;
  const computedDueOn = addDays(last, usualDays);
  const dueOn = snoozed(state, 'reorder', customer.id, computedDueOn);
  return {
    id: `${FOLLOW_UP_PREFIX.reorder}${customer.id}`,
    kind: 'reorder',
    customerId: customer.id,
    customerName: customer.name,
    saleId: null,
    saleTitle: null,
    dueOn,
    status: since > usualDays ? 'late' : 'expected',
    daysOverdue: daysBetween(dueOn, state.asOf),
    lastPurchaseOn: last,
    daysSincePurchase: since,
    usualDays,
    purchases: customer.purchases.days,
    computedDueOn,
  };
}

function checkInItem(asOf: string, r: PendingCheckInRow): Item<'check_in'> {
  return {
    id: `${FOLLOW_UP_PREFIX.check_in}${r.id}`,
    kind: 'check_in',
    customerId: r.customer_id,
    customerName: r.customer_name,
    saleId: r.sale_id,
    saleTitle: r.sale_title,
    dueOn: r.due_on,
    status: 'pending',
    daysOverdue: daysBetween(r.due_on, asOf),
    checkInId: r.id,
    stepDays: r.step_days,
    scheduledOn: r.scheduled_on,
    closedOn: r.closed_on,
    also: [],
  };
}

function complaintItem(asOf: string, r: ActiveComplaintRow): Item<'complaint'> {
  return {
    id: `${FOLLOW_UP_PREFIX.complaint}${r.id}`,
    kind: 'complaint',
    customerId: r.customer_id,
    customerName: r.customer_name,
    saleId: r.sale_id,
    saleTitle: r.sale_title,
    dueOn: r.remind_on,
    status: r.status,
    daysOverdue: daysBetween(r.remind_on, asOf),
    complaintId: r.id,
    openedOn: r.opened_on,
    daysOpen: daysBetween(r.opened_on, asOf),
    severity: r.severity,
    category: r.category,
  };
}

function actionItem(asOf: string, r: OpenActionRow): Item<'action'> {
  return {
    id: `${FOLLOW_UP_PREFIX.action}${r.id}`,
    kind: 'action',
    customerId: null,
    customerName: null,
    saleId: null,
    saleTitle: null,
    dueOn: r.due_on,
    status: 'open',
    daysOverdue: daysBetween(r.due_on, asOf),
    actionId: r.id,
    itemId: r.item_id,
    itemTitle: r.item_title,
    itemKind: r.item_kind,
    text: r.text,
  };
}

/** Code-unit order: right for ISO dates and ids, and far cheaper than localeCompare on 50,000 items. */
export const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
/** Names in alphabetical order (Émile before Zoe); one collator, not one per comparison. */
export const byName = new Intl.Collator(undefined, { sensitivity: 'base' }).compare;

/** What an item is listed by within its day and kind: the customer, or an action's library item. */
const nameOf = (item: FollowUp): string => (item.kind === 'action' ? item.itemTitle : item.customerName);

/**
 * Every follow-up of the state: soonest due first; on one day complaints, then check-ins,
 * reorders, keeping in touch and the seller's own action items, then by name (code-unit
 * order: tens of thousands of items share a few hundred days, and a collator per tie would
 * cost more than reading them).
 */
export function followUpsOf(state: CareState): FollowUp[] {
  const checkIns = state.checkIns.map((r) => checkInItem(state.asOf, r));
  const items: FollowUp[] = [
    ...checkIns,
    ...state.complaints.map((r) => complaintItem(state.asOf, r)),
    ...state.actions.map((r) => actionItem(state.asOf, r)),
  ];
  // Each customer's check-ins, soonest due first.
  const callsOf = new Map<number, Item<'check_in'>[]>();
  for (const c of [...checkIns].sort((a, b) => compare(a.dueOn, b.dueOn))) {
    const calls = callsOf.get(c.customerId);
    if (calls) calls.push(c);
    else callsOf.set(c.customerId, [c]);
  }
  // A reminder due within MERGE_DAYS of one of the customer's check-ins rides on the soonest
  // such check-in: one call, not two items for one customer in a few days.
  const add = (item: Item<'reorder'> | Item<'stay_in_touch'>): void => {
    const call = callsOf.get(item.customerId)?.find((c) => Math.abs(daysBetween(c.dueOn, item.dueOn)) <= MERGE_DAYS);
    if (call) call.also.push(item);
    else items.push(item);
  };
  for (const customer of state.customers) {
    const rule = contactRuleFor(state.rules, customer);
    if (rule) add(strip(stayInTouchFor(state, customer, rule)));
    const reorder = reorderFor(state, customer);
    if (reorder) add(strip(reorder));
  }
  return items.sort(inListOrder);
}

function strip<T extends { computedDueOn: string }>(item: T): Omit<T, 'computedDueOn'> {
  const { computedDueOn: _basis, ...rest } = item;
  return rest;
}

/** Overdue before asOf, today, week = the WEEK_DAYS days after today, later beyond. */
export function bucketOf(dueOn: string, asOf: string): FollowUpBucket {
  if (dueOn < asOf) return 'overdue';
  if (dueOn === asOf) return 'today';
  return dueOn <= addDays(asOf, WEEK_DAYS) ? 'week' : 'later';
}

/**
 * Active customers with nothing ahead (no follow-up of any kind, no open sale), most recently
 * in touch first: a next step still helps those most.
 */
export function noNextStepOf(state: CareState, items: readonly FollowUp[]): NoNextStep[] {
  const busy = new Set(items.map((i) => i.customerId));
  return state.customers
    .filter((c) => !busy.has(c.id) && !c.hasOpenSale)
    .map((c) => ({
      customerId: c.id,
      customerName: c.name,
      lastContactOn: c.lastContactOn,
      daysSinceContact: daysBetween(c.lastContactOn, state.asOf),
    }))
    .sort(byLastContact);
}

const byLastContact = (a: NoNextStep, b: NoNextStep): number =>
  compare(b.lastContactOn, a.lastContactOn) || byName(a.customerName, b.customerName);

export async function listFollowUps(
  db: Kysely<DB>,
  query: z.output<typeof FollowUpQuery>,
  now: Date,
): Promise<FollowUpList> {
  const asOf = query.asOf ?? localIsoDate(now);
  const who = query.customerId === undefined ? await customersForRules(db, asOf) : null;
  if (who !== null) return listFromFacts(db, query, asOf, who);
  const state = await loadCareState(db, asOf, query.customerId);
  const all = followUpsOf(state);
  const items = query.kinds ? all.filter((i) => query.kinds!.includes(i.kind)) : all;
  const list = emptyFollowUpList(asOf);
  for (const item of items) {
    const bucket = bucketOf(item.dueOn, asOf);
    if (list.counts[bucket]++ < query.limit) list[bucket].push(item);
  }
  const idle = noNextStepOf(state, all);
  list.noNextStep = { items: idle.slice(0, query.limit), total: idle.length };
  return list;
}

/** Items in list order (followUpsOf's). */
const inListOrder = (a: FollowUp, b: FollowUp): number =>
  compare(a.dueOn, b.dueOn) ||
  KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
  compare(nameOf(a), nameOf(b)) ||
  compare(a.id, b.id);

/**
 * The list with the plain customers' check-ins and reminders counted and paged by SQLite
 * (plainFollowUps.ts), everything else as listFollowUps computes it, the customers `who` by the
 * JS rules: the same list, without loading every customer.
 */
async function listFromFacts(
  db: Kysely<DB>,
  query: z.output<typeof FollowUpQuery>,
  asOf: string,
  who: RuleCustomers,
): Promise<FollowUpList> {
  const rules = await readContactRules(db);
  const theirs = ruleCustomerIds(who);
  const wanted = (kind: FollowUpKind): boolean => !query.kinds || query.kinds.includes(kind);
  const kinds = (['complaint', 'check_in', 'reorder', 'stay_in_touch'] as const).filter(wanted);
  const [state, plain] = await Promise.all([
    loadCareState(db, asOf, undefined, { statesOf: who, rules, checkInsOf: theirs, complaintsOf: theirs }),
    keptList(db, asOf, kinds, query.limit, who.changed),
  ]);
  const { idle } = plain;
  const all = followUpsOf(state);
  const described = await describePlain(
    db,
    state,
    FOLLOW_UP_BUCKETS.flatMap((b) => plain.pages[b]),
  );
  const list = emptyFollowUpList(asOf);
  for (const b of FOLLOW_UP_BUCKETS) {
    const mine = all.filter((i) => wanted(i.kind) && bucketOf(i.dueOn, asOf) === b);
    const plainItems = plain.pages[b].map((i) => described.get(plainItemId(i))!);
    list[b] = [...mine, ...plainItems].sort(inListOrder).slice(0, query.limit);
    list.counts[b] = mine.length + plain.counts[b];
  }
  const unplainIdle = noNextStepOf(state, all);
  const idleItems = [
    ...unplainIdle,
    ...idle.first.map((c) => ({
      customerId: c.customerId,
      customerName: c.name,
      lastContactOn: c.contact,
      daysSinceContact: daysBetween(c.contact, asOf),
    })),
  ].sort(byLastContact);
  list.noNextStep = { items: idleItems.slice(0, query.limit), total: unplainIdle.length + idle.total };
  return list;
}

const plainItemId = (i: PlainItem): string =>
  i.kind === 'complaint'
    ? `${FOLLOW_UP_PREFIX.complaint}${i.complaintId}`
    : i.kind === 'check_in'
      ? `${FOLLOW_UP_PREFIX.check_in}${i.checkInId}`
      : `${FOLLOW_UP_PREFIX[i.kind]}${i.customerId}`;

/**
 * The plain items `items` described by followUpsOf over their customers' states, with what may
 * ride on their check-ins (checkInsToDescribe), by id. A check-in's customer none of whose
 * reminders rides is described without their state: nothing of theirs rides on it.
 */
async function describePlain(
  db: Kysely<DB>,
  state: CareState,
  items: readonly PlainItem[],
): Promise<Map<string, FollowUp>> {
  const checkIns = await checkInsToDescribe(
    db,
    items.flatMap((i) => (i.kind === 'check_in' ? [i.checkInId] : [])),
  );
  const ids = [
    ...new Set([
      ...checkIns.flatMap((k) => (k.rides ? [k.customer_id] : [])),
      ...items.flatMap((i) => (i.kind === 'reorder' || i.kind === 'stay_in_touch' ? [i.customerId] : [])),
    ]),
  ];
  const [customers, snoozes, complaints] = await Promise.all([
    statesFromFacts(db, ids),
    readSnoozes(db, ids),
    activeComplaintsOf(
      db,
      items.flatMap((i) => (i.kind === 'complaint' ? [i.complaintId] : [])),
    ),
  ]);
  const theirs = followUpsOf({
    ...state,
    customers,
    snoozes: snoozesByKey(snoozes),
    checkIns,
    complaints,
    actions: [],
  });
  return new Map(theirs.map((i) => [i.id, i]));
}

/**
 * The state for what is due by `asOf` (the badge, the reminders): complaints due by then, and
 * check-ins up to MERGE_DAYS later, since a reminder due today may ride on one of them. With
 * `of`, only those customers' states and check-ins (loadCareState's `statesOf`), every complaint
 * and action item still.
 */
export function loadDueState(
  db: Kysely<DB>,
  asOf: string,
  of?: { customers: RuleCustomers; rules: readonly RuleLike[] },
): Promise<CareState> {
  return loadCareState(db, asOf, undefined, {
    checkInsDueBy: addDays(asOf, MERGE_DAYS),
    complaintsDueBy: asOf,
    actions: { dueBy: asOf },
    ...(of && {
      statesOf: of.customers,
      checkInsOf: ruleCustomerIds(of.customers),
      rules: of.rules,
    }),
  });
}

/**
 * Every follow-up due before and on `asOf` (the reminders), in list order: followUpsOf over
 * loadDueState, filtered to those due; while the facts hold, the plain customers' are found by
 * SQLite (plainFollowUps.ts, dueFollowUps.ts) and only they are described, as the list does.
 */
export async function dueFollowUps(db: Kysely<DB>, asOf: string): Promise<FollowUp[]> {
  const due = (items: readonly FollowUp[]) => items.filter((i) => i.dueOn <= asOf);
  const who = await customersForRules(db, asOf);
  if (who === null) return due(followUpsOf(await loadDueState(db, asOf)));
  const rules = await readContactRules(db);
  const [plain, state] = await Promise.all([
    keptDueItems(db, asOf, who.changed),
    loadDueState(db, asOf, { customers: who, rules }),
  ]);
  const described = await describePlain(db, state, plain);
  return due([...followUpsOf(state), ...plain.map((i) => described.get(plainItemId(i))!)]).sort(inListOrder);
}

export async function countFollowUps(
  db: Kysely<DB>,
  asOf: string,
): Promise<{ asOf: string; overdue: number; today: number; due: number }> {
  let state: CareState;
  let plain = { overdue: 0, today: 0 };
  const who = await customersForRules(db, asOf);
  if (who !== null) {
    // The customers the facts answer for are counted by SQLite; the JS rules see the others.
    const rules = await readContactRules(db);
    [plain, state] = await Promise.all([
      keptDueCounts(db, asOf, who.changed),
      loadDueState(db, asOf, { customers: who, rules }),
    ]);
  } else state = await loadDueState(db, asOf);
  const items = followUpsOf(state);
  const overdue = plain.overdue + items.filter((i) => i.dueOn < asOf).length;
  const today = plain.today + items.filter((i) => i.dueOn === asOf).length;
  return { asOf, overdue, today, due: overdue + today };
}
