import type { Translate } from '../../shared/locales/translate';
import type { ReportDocument } from './contract';

/**
 * The report as tables, one per CSV file of the zip (and the row counts of the export log):
 * machine keys in the first column where a table lists figures, numbers as numbers (money in
 * minor units, rates 0–1), so a spreadsheet computes with them.
 */

export type Cell = string | number | boolean | null;
export type ColumnKind = 'text' | 'number' | 'code';
export interface ReportTable {
  /** The file's name without `.csv`, and the section it comes from. */
  name: string;
  columns: { key: string; kind: ColumnKind }[];
  rows: Cell[][];
}

const figures = (name: string, object: Record<string, Cell>): ReportTable => ({
  name,
  columns: [
    { key: 'figure', kind: 'code' },
    { key: 'value', kind: 'number' },
  ],
  rows: Object.entries(object).map(([k, v]) => [k, v]),
});

const cols = (spec: string): ReportTable['columns'] =>
  spec.split(' ').map((s) => {
    const [key, kind = 'number'] = s.split(':') as [string, ColumnKind | undefined];
    return { key, kind };
  });

/** The tables of the sections the document holds, in the report's order. */
export function reportTables(doc: ReportDocument): ReportTable[] {
  const s = doc.summary;
  const c = doc.period.compare;
  const out: ReportTable[] = [
    {
      name: 'summary',
      columns: cols('figure:code value compared delta'),
      rows: Object.entries(s).map(([k, v]) => [
        k,
        v,
        c ? (c.summary as Record<string, Cell>)[k]! : null,
        c ? (c.delta[k] ?? null) : null,
      ]),
    },
  ];
  if (doc.goals)
    out.push({
      name: 'goals',
      columns: cols(
        'id title:text metric:code unit:code currency:code from:code to:code target current progress expected_now ' +
          'status:code required_per_day buffer_days probability projected low high',
      ),
      rows: doc.goals.map((g) => [
        g.id,
        g.title,
        g.metric,
        g.unit,
        g.currency,
        g.period.from,
        g.period.to,
        g.target,
        g.current,
        g.progress,
        g.expected_now,
        g.status,
        g.required_per_day,
        g.buffer_days,
        g.forecast.probability,
        g.forecast.projected,
        g.forecast.low,
        g.forecast.high,
      ]),
    });
  if (doc.scorecard)
    out.push({
      name: 'scorecard',
      columns: cols('from:code to:code score volume quality loyalty achieved missed open'),
      rows: doc.scorecard.periods.map((p) => [
        p.from,
        p.to,
        p.score,
        p.volume.score,
        p.quality.score,
        p.loyalty.score,
        p.achieved,
        p.missed,
        p.open,
      ]),
    });
  if (doc.volume)
    out.push({
      name: 'volume',
      columns: cols(
        'month:code from:code to:code currency:code revenue_cents deals_won deals_lost avg_deal_cents win_rate ' +
          'avg_satisfaction nps customers_active new_customers repeat_customers',
      ),
      rows: doc.volume.months.map((m) => [
        m.month,
        m.from,
        m.to,
        doc.volume!.currency,
        m.revenue_cents,
        m.deals_won,
        m.deals_lost,
        m.avg_deal_cents,
        m.win_rate,
        m.avg_satisfaction,
        m.nps,
        m.customers_active,
        m.new_customers,
        m.repeat_customers,
      ]),
    });
  if (doc.quality) out.push(figures('quality', doc.quality));
  if (doc.loyalty) {
    const { retention, ...rest } = doc.loyalty;
    out.push(
      figures('loyalty', {
        ...rest,
        retention_previous_customers: retention.previous_customers,
        retention_retained: retention.retained,
        retention_rate: retention.rate,
      }),
    );
  }
  if (doc.care) {
    const { check_ins: ci, complaints: cp } = doc.care;
    out.push(
      figures('care', {
        check_ins_due: ci.due,
        check_ins_on_time: ci.on_time,
        check_ins_late: ci.late,
        check_ins_skipped: ci.skipped,
        check_ins_missed: ci.missed,
        check_ins_on_time_rate: ci.on_time_rate,
        complaints_opened: cp.opened,
        complaints_resolved: cp.resolved,
        complaints_closed_unresolved: cp.closed_unresolved,
        complaints_median_days_to_resolve: cp.median_days_to_resolve,
        interactions: doc.care.interactions,
        at_risk_customers: doc.care.at_risk_total,
        // How many of them at_risk.csv lists: fewer than all when there are more than REPORT_AT_RISK_LISTED.
        at_risk_listed: doc.care.at_risk.length,
      }),
      {
        name: 'at_risk',
        columns: cols('customer_id customer:text reasons:code'),
        rows: doc.care.at_risk.map((r) => [r.customer.id, r.customer.label, r.reasons.join('; ')]),
      },
    );
  }
  if (doc.techniques)
    out.push({
      name: 'techniques',
      columns: cols(
        'technique:text category:code used won lost win_rate interval_low interval_high baseline_win_rate ' +
          'difference prob_better enough_data:code',
      ),
      rows: doc.techniques.rows.map((r) => [
        r.technique,
        r.category,
        r.used,
        r.won,
        r.lost,
        r.win_rate,
        r.interval_low,
        r.interval_high,
        r.baseline_win_rate,
        r.difference,
        r.prob_better,
        r.enough_data,
      ]),
    });
  if (doc.learning) out.push(figures('learning', doc.learning));
  if (doc.journal)
    out.push({
      name: 'journal',
      columns: cols(
        'id date:code title:text outcome:code techniques:text customer:text situation:text action:text ' +
          'learned:text next_time:text body:text',
      ),
      rows: doc.journal.map((e) => [
        e.id,
        e.date,
        e.title,
        e.outcome,
        e.techniques.join('; '),
        e.customer?.label ?? null,
        e.situation,
        e.action,
        e.learned,
        e.next_time,
        e.body,
      ]),
    });
  if (doc.comment !== null) out.push({ name: 'comment', columns: cols('comment:text'), rows: [[doc.comment]] });
  return out;
}

/** Rows per section as the export log records them: each table's data rows. */
export const rowsPerSection = (doc: ReportDocument): Record<string, number> =>
  Object.fromEntries(reportTables(doc).map((t) => [t.name, t.rows.length]));

/** A column's header in the report's language. */
export const headerOf = (t: Translate, key: string): string => t(`reports.columns.${key}`);
