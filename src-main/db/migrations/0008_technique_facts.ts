import { sql, type Kysely } from 'kysely';

/**
 * What works (metrics/techniques.ts) over a period without a customer or product filter,
 * added up ahead per technique and day: a year at 200,000 sales then reads a few thousand
 * small rows instead of every decided sale and every check-in answer of the year with their
 * techniques (~300 ms -> a few ms).
 *
 * - technique_decided_days: decided sales per closing day, technique and currency: how many,
 *   won, the won ones' amounts, and the answers given at the sale;
 * - technique_close_times_days / _months: the same sales per closing day (month), technique
 *   and whole days from opened to closed, counted: the median's histogram. A period reads its
 *   whole months from the monthly one and the days around them from the daily one;
 * - technique_open_days: open sales per day opened and technique;
 * - technique_answer_days: the answers of done check-ins per day completed and technique of
 *   their sale;
 * - multi_technique_days: decided sales naming two or more techniques per closing day.
 *
 * Triggers keep them in step with sales, sale_techniques and check_ins, whoever writes; a row
 * that comes to count nothing is deleted. A sale's figures go with its technique
 * links: a new sale counts once its techniques are linked, and a deleted sale's links are
 * removed first (BEFORE DELETE) while the sale can still be read. A sale written without
 * techniques costs no more than before. Derived data, like the search index, but filled here
 * once for the sales already there. Frozen once shipped: a change is a new migration.
 */

/** Whole days from opened to closed of the sale in `v` (as facts.ts computes them). */
const daysToClose = (v: string): string => `CAST(julianday(${v}.closed_on) - julianday(${v}.opened_on) AS INTEGER)`;

/** Adds the value columns on a conflict: an upsert of `sign` × a contribution. */
const addUp = (columns: readonly string[]): string =>
  `ON CONFLICT DO UPDATE SET ${columns.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')};`;

const ANSWERS = ['satisfaction_answers', 'satisfaction_sum', 'nps_answers', 'promoters', 'detractors'];

/** An answer pair's counts (satisfaction 1–5, NPS 0–10: promoters 9–10, detractors 0–6), times `k`. */
const answerValues = (k: string, satisfaction: string, nps: string): string =>
  `${k} * (${satisfaction} IS NOT NULL), ${k} * coalesce(${satisfaction}, 0), ${k} * (${nps} IS NOT NULL),
   ${k} * coalesce(${nps} >= 9, 0), ${k} * coalesce(${nps} <= 6, 0)`;

/**
 * A sale's figures, `sign` +1 or -1, for each technique `technique` of the rows `from` (which
 * ends in WHERE … AND), the sale's values read from `v` (a sales alias, NEW or OLD).
 */
function saleStatements(sign: 1 | -1, v: string, technique: string, from: string): string[] {
  const k = String(sign);
  const decided = `${v}.status IN ('won', 'lost')`;
  const closeTimes = (table: string, key: string, when: string): string =>
    `INSERT INTO ${table} (${key}, technique_id, days, sales)
     SELECT ${when}, ${technique}, ${daysToClose(v)}, ${k} FROM ${from} ${decided} AND ${daysToClose(v)} IS NOT NULL
     ${addUp(['sales'])}`;
  return [
    `INSERT INTO technique_decided_days (day, technique_id, currency, closed, won, won_amount, ${ANSWERS.join(', ')})
     SELECT ${v}.closed_on, ${technique}, ${v}.currency, ${k}, ${k} * (${v}.status = 'won'),
       ${k} * iif(${v}.status = 'won', ${v}.amount_minor, 0), ${answerValues(k, `${v}.satisfaction`, `${v}.nps`)}
     FROM ${from} ${decided}
     ${addUp(['closed', 'won', 'won_amount', ...ANSWERS])}`,
    closeTimes('technique_close_times_days', 'day', `${v}.closed_on`),
    closeTimes('technique_close_times_months', 'month', `substr(${v}.closed_on, 1, 7)`),
    `INSERT INTO technique_open_days (day, technique_id, sales)
     SELECT ${v}.opened_on, ${technique}, ${k} FROM ${from} ${v}.status = 'open'
     ${addUp(['sales'])}`,
  ];
}

/** A check-in whose answers count for its sale's techniques. */
const answered = (v: string): string =>
  `${v}.status = 'done' AND ${v}.sale_id IS NOT NULL AND (${v}.csat IS NOT NULL OR ${v}.nps IS NOT NULL)`;

/** A done check-in's answers (values in `v`: NEW, OLD or an alias), `sign` +1 or -1, per `technique` of `from`. */
function answerStatement(sign: 1 | -1, v: string, technique: string, from: string): string {
  return `INSERT INTO technique_answer_days (day, technique_id, ${ANSWERS.join(', ')})
    SELECT ${v}.completed_on, ${technique}, ${answerValues(String(sign), `${v}.csat`, `${v}.nps`)}
    FROM ${from} ${answered(v)}
    ${addUp(ANSWERS)}`;
}

/** The sale in `v`, when decided and naming `links` techniques after the change, counts `sign` once. */
function multiStatement(sign: 1 | -1, v: string, saleId: string, links: '= 1' | '= 2' | '>= 2', from: string): string {
  return `INSERT INTO multi_technique_days (day, sales)
    SELECT ${v}.closed_on, ${sign} FROM ${from} ${v}.status IN ('won', 'lost')
      AND (SELECT count(*) FROM sale_techniques x WHERE x.sale_id = ${saleId}) ${links}
    ${addUp(['sales'])}`;
}

/** A link made (+1) or removed (-1): its sale's figures and its sale's check-in answers for the technique. */
function linkStatements(sign: 1 | -1, link: 'NEW' | 'OLD'): string[] {
  return [
    ...saleStatements(sign, 's', `${link}.technique_id`, `sales s WHERE s.id = ${link}.sale_id AND`),
    answerStatement(sign, 'c', `${link}.technique_id`, `check_ins c WHERE c.sale_id = ${link}.sale_id AND`),
  ];
}

const TABLES = [
  `CREATE TABLE technique_decided_days (
    day TEXT NOT NULL,
    technique_id INTEGER NOT NULL,
    currency TEXT NOT NULL,
    closed INTEGER NOT NULL,
    won INTEGER NOT NULL,
    won_amount INTEGER NOT NULL,
    satisfaction_answers INTEGER NOT NULL,
    satisfaction_sum INTEGER NOT NULL,
    nps_answers INTEGER NOT NULL,
    promoters INTEGER NOT NULL,
    detractors INTEGER NOT NULL,
    PRIMARY KEY (day, technique_id, currency)
  ) STRICT, WITHOUT ROWID`,
  `CREATE TABLE technique_close_times_days (
    day TEXT NOT NULL,
    technique_id INTEGER NOT NULL,
    days INTEGER NOT NULL,
    sales INTEGER NOT NULL,
    PRIMARY KEY (day, technique_id, days)
  ) STRICT, WITHOUT ROWID`,
  `CREATE TABLE technique_close_times_months (
    month TEXT NOT NULL,
    technique_id INTEGER NOT NULL,
    days INTEGER NOT NULL,
    sales INTEGER NOT NULL,
    PRIMARY KEY (month, technique_id, days)
  ) STRICT, WITHOUT ROWID`,
  `CREATE TABLE technique_open_days (
    day TEXT NOT NULL,
    technique_id INTEGER NOT NULL,
    sales INTEGER NOT NULL,
    PRIMARY KEY (day, technique_id)
  ) STRICT, WITHOUT ROWID`,
  `CREATE TABLE technique_answer_days (
    day TEXT NOT NULL,
    technique_id INTEGER NOT NULL,
    satisfaction_answers INTEGER NOT NULL,
    satisfaction_sum INTEGER NOT NULL,
    nps_answers INTEGER NOT NULL,
    promoters INTEGER NOT NULL,
    detractors INTEGER NOT NULL,
    PRIMARY KEY (day, technique_id)
  ) STRICT, WITHOUT ROWID`,
  `CREATE TABLE multi_technique_days (day TEXT PRIMARY KEY, sales INTEGER NOT NULL) STRICT, WITHOUT ROWID`,
];
const PER_TECHNIQUE = TABLES.map((t) => /^CREATE TABLE (\w+)/.exec(t)![1]!).filter((t) => t.startsWith('technique_'));

const SALE_COLUMNS = ['status', 'opened_on', 'closed_on', 'currency', 'amount_minor', 'satisfaction', 'nps'];
const CHECK_IN_COLUMNS = ['status', 'sale_id', 'completed_on', 'csat', 'nps'];
const changed = (columns: readonly string[]): string => columns.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ');
const trigger = (head: string, statements: readonly string[]): string =>
  `CREATE TRIGGER ${head}\nBEGIN\n${statements.join('\n')}\nEND`;
const linksOf = (sale: string): string => `sale_techniques st WHERE st.sale_id = ${sale} AND`;

const TRIGGERS = [
  trigger('technique_facts_link AFTER INSERT ON sale_techniques', [
    ...linkStatements(1, 'NEW'),
    multiStatement(1, 's', 'NEW.sale_id', '= 2', 'sales s WHERE s.id = NEW.sale_id AND'),
  ]),
  trigger('technique_facts_unlink AFTER DELETE ON sale_techniques', [
    ...linkStatements(-1, 'OLD'),
    multiStatement(-1, 's', 'OLD.sale_id', '= 1', 'sales s WHERE s.id = OLD.sale_id AND'),
  ]),
  // The app never updates a link; counted as an unlink and a link all the same.
  trigger('technique_facts_relink AFTER UPDATE ON sale_techniques', [
    ...linkStatements(-1, 'OLD'),
    ...linkStatements(1, 'NEW'),
    multiStatement(
      -1,
      's',
      'OLD.sale_id',
      '= 1',
      'sales s WHERE s.id = OLD.sale_id AND OLD.sale_id <> NEW.sale_id AND',
    ),
    multiStatement(1, 's', 'NEW.sale_id', '= 2', 'sales s WHERE s.id = NEW.sale_id AND OLD.sale_id <> NEW.sale_id AND'),
  ]),
  trigger(`technique_facts_sale AFTER UPDATE OF ${SALE_COLUMNS.join(', ')} ON sales WHEN ${changed(SALE_COLUMNS)}`, [
    ...saleStatements(-1, 'OLD', 'st.technique_id', linksOf('OLD.id')),
    ...saleStatements(1, 'NEW', 'st.technique_id', linksOf('NEW.id')),
    multiStatement(-1, 'OLD', 'OLD.id', '>= 2', '(SELECT 1) WHERE'),
    multiStatement(1, 'NEW', 'NEW.id', '>= 2', '(SELECT 1) WHERE'),
  ]),
  // Unlinked while the sale can still be read; the cascade then finds nothing left.
  trigger('technique_facts_sale_delete BEFORE DELETE ON sales', [
    'DELETE FROM sale_techniques WHERE sale_id = OLD.id;',
  ]),
  trigger(`technique_facts_check_in AFTER INSERT ON check_ins WHEN ${answered('NEW')}`, [
    answerStatement(1, 'NEW', 'st.technique_id', linksOf('NEW.sale_id')),
  ]),
  trigger(`technique_facts_check_in_delete AFTER DELETE ON check_ins WHEN ${answered('OLD')}`, [
    answerStatement(-1, 'OLD', 'st.technique_id', linksOf('OLD.sale_id')),
  ]),
  trigger(
    `technique_facts_check_in_update AFTER UPDATE OF ${CHECK_IN_COLUMNS.join(', ')} ON check_ins
     WHEN (${answered('OLD')} OR ${answered('NEW')}) AND (${changed(CHECK_IN_COLUMNS)})`,
    [
      answerStatement(-1, 'OLD', 'st.technique_id', linksOf('OLD.sale_id')),
      answerStatement(1, 'NEW', 'st.technique_id', linksOf('NEW.sale_id')),
    ],
  ),
  // A row whose counts come to zero goes: an undone import leaves the tables as they were.
  ...(
    [
      ['technique_decided_days', ['closed'], ['day', 'technique_id', 'currency']],
      ['technique_close_times_days', ['sales'], ['day', 'technique_id', 'days']],
      ['technique_close_times_months', ['sales'], ['month', 'technique_id', 'days']],
      ['technique_open_days', ['sales'], ['day', 'technique_id']],
      ['technique_answer_days', ['satisfaction_answers', 'nps_answers'], ['day', 'technique_id']],
      ['multi_technique_days', ['sales'], ['day']],
    ] as const
  ).map(([table, counts, key]) =>
    trigger(`${table}_emptied AFTER UPDATE ON ${table} WHEN ${counts.map((c) => `NEW.${c} = 0`).join(' AND ')}`, [
      `DELETE FROM ${table} WHERE ${key.map((c) => `${c} = NEW.${c}`).join(' AND ')};`,
    ]),
  ),
  trigger(
    'technique_facts_technique_delete AFTER DELETE ON techniques',
    PER_TECHNIQUE.map((table) => `DELETE FROM ${table} WHERE technique_id = OLD.id;`),
  ),
];

/** The figures of the sales and check-ins already there. */
const decidedLinks = `FROM sales s JOIN sale_techniques st ON st.sale_id = s.id WHERE s.status IN ('won', 'lost')`;
const FILL = [
  `INSERT INTO technique_decided_days
   SELECT s.closed_on, st.technique_id, s.currency, count(*), sum(s.status = 'won'),
     sum(iif(s.status = 'won', s.amount_minor, 0)), count(s.satisfaction), coalesce(sum(s.satisfaction), 0),
     count(s.nps), coalesce(sum(s.nps >= 9), 0), coalesce(sum(s.nps <= 6), 0)
   ${decidedLinks}
   GROUP BY 1, 2, 3`,
  `INSERT INTO technique_close_times_days
   SELECT s.closed_on, st.technique_id, ${daysToClose('s')}, count(*)
   ${decidedLinks} AND ${daysToClose('s')} IS NOT NULL
   GROUP BY 1, 2, 3`,
  `INSERT INTO technique_close_times_months
   SELECT substr(day, 1, 7), technique_id, days, sum(sales) FROM technique_close_times_days GROUP BY 1, 2, 3`,
  `INSERT INTO technique_open_days
   SELECT s.opened_on, st.technique_id, count(*)
   FROM sales s JOIN sale_techniques st ON st.sale_id = s.id WHERE s.status = 'open'
   GROUP BY 1, 2`,
  `INSERT INTO technique_answer_days
   SELECT c.completed_on, st.technique_id, count(c.csat), coalesce(sum(c.csat), 0), count(c.nps),
     coalesce(sum(c.nps >= 9), 0), coalesce(sum(c.nps <= 6), 0)
   FROM check_ins c JOIN sale_techniques st ON st.sale_id = c.sale_id
   WHERE ${answered('c')}
   GROUP BY 1, 2`,
  `INSERT INTO multi_technique_days
   SELECT s.closed_on, count(*) FROM sales s
   WHERE s.status IN ('won', 'lost') AND (SELECT count(*) FROM sale_techniques x WHERE x.sale_id = s.id) >= 2
   GROUP BY 1`,
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of [...TABLES, ...TRIGGERS, ...FILL]) await sql.raw(statement).execute(db);
}
