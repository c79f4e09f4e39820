import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  TechniqueStats,
  TechniqueStatsQuery,
  TechniqueStatsReport,
} from '../../../../src-main/features/techniques/contract';
import type { DataEntity } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { whatWorksSentence } from '../../../../src-main/shared/whatWorksWords';
import { useToday } from '../../hooks/useToday';
import { useFormat } from '../../i18n/format';
import { useMessage } from '../../i18n/messages';
import { DataTable } from '../../ui/DataTable';
import { EmptyState } from '../../ui/EmptyState';
import { DateField, Segmented } from '../../ui/Field';
import { FilterSelect } from '../../ui/FilterSelect';
import { QueryView } from '../../ui/QueryView';
import { useViewState } from '../../ui/viewState';
import { JournalArea } from '../journal/JournalArea';
import { IntervalBar } from './IntervalBar';
import { UsageChart, UsageTable } from './UsageChart';
import {
  customPeriodError,
  defaultFilters,
  formatChance,
  formatPoints,
  isEmptyReport,
  PERIOD_PRESETS,
  presetRange,
  asTranslate,
  segmentRows,
  SENTENCE_ROWS,
  splitRows,
  statsQuery,
  usageSeries,
  winRateChartRows,
  type WhatWorksFilters,
} from './whatWorksModel';
import { WinRateChart, WinRateTable } from './WinRateChart';

/**
 * What the What works figures are made of (satisfaction and NPS come from check-ins too):
 * asked again when any of these changes.
 */
const WHAT_WORKS_SOURCES: readonly DataEntity[] = ['sales', 'techniques', 'customers', 'products', 'care'];

/**
 * What works: how each technique did for this seller in a period, optionally for one segment,
 * product or industry, with honest uncertainty. The figures are the backend's
 * (techniques.stats / segments / usage); this view orders nothing itself.
 */
export function WhatWorksPage(): ReactElement {
  const { t } = useTranslation();
  const today = useToday();
  const [filters, setFilters] = useViewState<WhatWorksFilters>('whatWorks.filters', defaultFilters(today));
  const query = statsQuery(filters, today);
  return (
    <JournalArea subtitle={t('whatWorks.ui.subtitle')}>
      <Filters filters={filters} today={today} onChange={(patch) => setFilters((f) => ({ ...f, ...patch }))} />
      {query ? <Results query={query} /> : <p className="muted">{t('whatWorks.ui.filters.fixPeriod')}</p>}
    </JournalArea>
  );
}

function Filters({
  filters,
  today,
  onChange,
}: {
  filters: WhatWorksFilters;
  today: string;
  onChange: (patch: Partial<WhatWorksFilters>) => void;
}): ReactElement {
  const { t } = useTranslation();
  const message = useMessage();
  const facets = useQuery('customers.facets', {}, ['customers']);
  const products = useQuery('products.list', {}, ['products']);
  const problem = customPeriodError(filters);
  const any = { value: '', label: t('common.any') };
  return (
    <div className="filters ww-filters">
      <div className="filters-row">
        <div className="filter ww-period">
          <span id="ww-period-label">{t('whatWorks.ui.filters.period')}</span>
          <Segmented
            labelledBy="ww-period-label"
            value={filters.period}
            onChange={(period) =>
              // A custom period starts from the one shown, so only what the seller changes moves.
              onChange(
                period === 'custom' && filters.period !== 'custom'
                  ? { period, ...presetRange(filters.period, today) }
                  : { period },
              )
            }
            options={PERIOD_PRESETS.map((period) => ({ value: period, label: t(`whatWorks.ui.periods.${period}`) }))}
          />
        </div>
        {filters.period === 'custom' && (
          <>
            <DateField
              className="ww-date"
              label={t('whatWorks.ui.filters.from')}
              value={filters.from}
              error={problem?.field === 'from' ? message(problem.key) : undefined}
              onChange={(from) => onChange({ from })}
            />
            <DateField
              className="ww-date"
              label={t('whatWorks.ui.filters.to')}
              value={filters.to}
              error={problem?.field === 'to' ? message(problem.key) : undefined}
              onChange={(to) => onChange({ to })}
            />
          </>
        )}
      </div>
      <div className="filters-row">
        <FilterSelect
          label={t('whatWorks.ui.filters.segment')}
          value={filters.segment}
          onChange={(segment) => onChange({ segment })}
          options={[any, ...(facets.data?.segments ?? []).map((s) => ({ value: s, label: s }))]}
        />
        <FilterSelect
          label={t('whatWorks.ui.filters.product')}
          value={filters.productId}
          onChange={(productId) => onChange({ productId })}
          options={[any, ...(products.data ?? []).map((p) => ({ value: String(p.id), label: p.name }))]}
        />
        <FilterSelect
          label={t('whatWorks.ui.filters.industry')}
          value={filters.industry}
          onChange={(industry) => onChange({ industry })}
          options={[any, ...(facets.data?.industries ?? []).map((s) => ({ value: s, label: s }))]}
        />
        {(filters.segment || filters.productId || filters.industry) && (
          <button
            type="button"
            className="btn btn-ghost filters-clear"
            onClick={() => onChange({ segment: '', productId: '', industry: '' })}
          >
            {t('common.clearFilters')}
          </button>
        )}
      </div>
    </div>
  );
}

function Results({ query }: { query: TechniqueStatsQuery }): ReactElement {
  const { t } = useTranslation();
  const stats = useQuery('techniques.stats', query, WHAT_WORKS_SOURCES);
  return (
    <QueryView query={stats} failedTitle={t('whatWorks.ui.loadFailed')}>
      {(report) =>
        isEmptyReport(report) ? (
          <EmptyState icon="sparkle" title={t('whatWorks.ui.empty.title')} text={t('whatWorks.ui.empty.text')} />
        ) : (
          <Report report={report} query={query} busy={stats.loading} />
        )
      }
    </QueryView>
  );
}

function Report({
  report,
  query,
  busy,
}: {
  report: TechniqueStatsReport;
  query: TechniqueStatsQuery;
  busy: boolean;
}): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  const { ranked, waiting } = splitRows(report);
  const chartRows = winRateChartRows(ranked);
  return (
    <>
      <section className="card ww-words" aria-labelledby="ww-words">
        <h2 id="ww-words">{t('whatWorks.ui.words.title')}</h2>
        <p className="muted">
          {t('whatWorks.ui.words.period', {
            range: format.range(report.from, report.to),
            count: report.closed,
            closed: format.number(report.closed),
          })}
        </p>
        {ranked.length === 0 ? (
          <p>{t('whatWorks.ui.words.noneRanked')}</p>
        ) : (
          <ul className="ww-sentences">
            {ranked.slice(0, SENTENCE_ROWS).map((row) => (
              <li key={row.techniqueId}>
                <RowSentence row={row} />
              </li>
            ))}
          </ul>
        )}
        <MethodNote report={report} />
      </section>

      <StatsTable report={report} ranked={ranked} waiting={waiting} busy={busy} />

      <section className="card ww-card" aria-labelledby="ww-chart">
        <h2 id="ww-chart">{t('whatWorks.ui.chart.title')}</h2>
        {chartRows.length === 0 ? (
          <p className="muted">{t('whatWorks.ui.chart.nothing')}</p>
        ) : (
          <>
            <WinRateChart rows={chartRows} />
            <WinRateTable rows={chartRows} />
          </>
        )}
        {chartRows.length > 0 && waiting.some((row) => row.used > 0) && (
          <p className="muted">
            {t('whatWorks.ui.chart.notCharted', {
              names: waiting
                .filter((row) => row.used > 0)
                .map((row) => row.technique)
                .join(', '),
            })}
          </p>
        )}
      </section>

      <SegmentsCard query={query} report={report} />
      <UsageCard query={query} />
    </>
  );
}

/** A row in plain words, as the CLI and the journal say it (shared/whatWorksWords.ts). */
function RowSentence({ row }: { row: TechniqueStats }): ReactElement {
  const { t } = useTranslation();
  return <>{whatWorksSentence(row, asTranslate(t))}</>;
}

/** The rules behind the figures: the minimum, the prior, and that a sale counts for each technique. */
function MethodNote({ report }: { report: TechniqueStatsReport }): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <div className="ww-method">
      <p>{t('whatWorks.ui.method.minimum', { withIt: report.minimum.withIt, without: report.minimum.without })}</p>
      <p>
        {t('whatWorks.ui.method.prior', {
          alpha: format.number(report.prior.alpha),
          beta: format.number(report.prior.beta),
        })}
      </p>
      <p>
        {t('whatWorks.ui.method.multi', {
          count: report.multiTechnique,
          multi: format.number(report.multiTechnique),
          closed: format.number(report.closed),
        })}
      </p>
    </div>
  );
}

const STAT_COLUMNS = [
  'technique',
  'used',
  'won',
  'winRate',
  'baseline',
  'probBetter',
  'avgWon',
  'satisfaction',
  'nps',
  'days',
  'open',
] as const;

function StatsTable({
  report,
  ranked,
  waiting,
  busy,
}: {
  report: TechniqueStatsReport;
  ranked: readonly TechniqueStats[];
  waiting: readonly TechniqueStats[];
  busy: boolean;
}): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  const maybe = (value: number | null, show: (value: number) => string): string => (value === null ? '–' : show(value));
  return (
    <DataTable
      className="ww-table ww-stats"
      caption={t('whatWorks.ui.table.caption')}
      busy={busy}
      columns={STAT_COLUMNS.map((key) => ({ label: t(`whatWorks.ui.table.${key}`), num: key !== 'technique' }))}
    >
      {ranked.map((row) => (
        <tr key={row.techniqueId}>
          <TechniqueCell row={row} />
          <td className="num">{format.number(row.used)}</td>
          <td className="num">{format.number(row.won)}</td>
          <td className="num ww-rate-cell">
            {row.winRate !== null && row.interval !== null ? (
              <>
                <span className="ww-rate-stack">
                  <span className="ww-rate">{format.percent(row.winRate)}</span>
                  <span className="ww-interval-text">
                    {t('whatWorks.ui.table.range', {
                      low: format.percent(row.interval.low),
                      high: format.percent(row.interval.high),
                    })}
                  </span>
                </span>
                <IntervalBar
                  rate={row.winRate}
                  low={row.interval.low}
                  high={row.interval.high}
                  baseline={row.baselineWinRate}
                />
              </>
            ) : (
              '–'
            )}
          </td>
          <td className="num">
            <span className="ww-rate">{maybe(row.baselineWinRate, (v) => format.percent(v))}</span>
            {row.difference !== null && (
              <span className="ww-cell-n">
                {t('whatWorks.ui.table.difference', { points: formatPoints(row.difference, format) })}
              </span>
            )}
          </td>
          <td className="num">{maybe(row.probBetter, (v) => formatChance(v, format))}</td>
          <td className="num">{maybe(row.avgWonMinor, (v) => format.compactMoney(v, report.currency))}</td>
          <td className="num">{maybe(row.avgSatisfaction, (v) => format.number(v, 1))}</td>
          <td className="num">{maybe(row.nps, (v) => format.number(Math.round(v)))}</td>
          <td className="num">{maybe(row.medianDaysToClose, (v) => format.number(Math.round(v)))}</td>
          <td className="num">{format.number(row.open)}</td>
        </tr>
      ))}
      {waiting.map((row) => (
        <tr key={row.techniqueId} className="ww-waiting">
          <TechniqueCell row={row} />
          <td className="num">{format.number(row.used)}</td>
          <td colSpan={STAT_COLUMNS.length - 3} className="ww-not-enough">
            {t('whatWorks.ui.table.notEnough', { count: row.closedNeeded, needed: format.number(row.closedNeeded) })}
          </td>
          <td className="num">{format.number(row.open)}</td>
        </tr>
      ))}
    </DataTable>
  );
}

function TechniqueCell({ row }: { row: TechniqueStats }): ReactElement {
  const { t } = useTranslation();
  return (
    <th scope="row">
      <span className="ww-technique">{row.technique}</span>
      {row.retired && <span className="badge badge-muted">{t('whatWorks.ui.table.retired')}</span>}
    </th>
  );
}

function SegmentsCard({ query, report }: { query: TechniqueStatsQuery; report: TechniqueStatsReport }): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  const segments = useQuery('techniques.segments', query, WHAT_WORKS_SOURCES);
  return (
    <section className="card ww-card" aria-labelledby="ww-segments">
      <h2 id="ww-segments">{t('whatWorks.ui.segments.title')}</h2>
      <QueryView query={segments} failedTitle={t('whatWorks.ui.segments.loadFailed')}>
        {(data) => {
          const rows = segmentRows(data, report);
          if (rows.length === 0 || data.segments.length === 0)
            return <p className="muted">{t('whatWorks.ui.segments.nothing')}</p>;
          return (
            <>
              <p className="muted">{t('whatWorks.ui.segments.hint')}</p>
              <DataTable
                className="ww-table ww-segments"
                caption={t('whatWorks.ui.segments.caption')}
                busy={segments.loading}
                columns={[
                  { label: t('whatWorks.ui.table.technique') },
                  ...data.segments.map((segment) => ({ label: segment, num: true })),
                ]}
              >
                {rows.map((row) => (
                  <tr key={row.techniqueId}>
                    <th scope="row">{row.technique}</th>
                    {row.cells.map((cell, i) =>
                      cell === null ? (
                        <td key={data.segments[i]} className="num ww-cell-empty">
                          {t('whatWorks.ui.segments.empty')}
                        </td>
                      ) : (
                        <td
                          key={data.segments[i]}
                          className="num"
                          title={
                            cell.interval
                              ? t('whatWorks.ui.table.range', {
                                  low: format.percent(cell.interval.low),
                                  high: format.percent(cell.interval.high),
                                })
                              : undefined
                          }
                        >
                          <span className="ww-rate">{cell.winRate === null ? '–' : format.percent(cell.winRate)}</span>
                          <span className="ww-cell-n">
                            {t('whatWorks.ui.segments.wonOf', {
                              won: format.number(cell.won),
                              used: format.number(cell.used),
                            })}
                          </span>
                        </td>
                      ),
                    )}
                  </tr>
                ))}
              </DataTable>
            </>
          );
        }}
      </QueryView>
    </section>
  );
}

function UsageCard({ query }: { query: TechniqueStatsQuery }): ReactElement {
  const { t } = useTranslation();
  const usage = useQuery('techniques.usage', query, WHAT_WORKS_SOURCES);
  return (
    <section className="card ww-card" aria-labelledby="ww-usage">
      <h2 id="ww-usage">{t('whatWorks.ui.usage.title')}</h2>
      <p className="muted">{t('whatWorks.ui.usage.hint')}</p>
      <QueryView query={usage} failedTitle={t('whatWorks.ui.usage.loadFailed')}>
        {(data) => {
          const series = usageSeries(data, t('whatWorks.ui.usage.others'));
          if (series.length === 0) return <p className="muted">{t('whatWorks.ui.usage.nothing')}</p>;
          return (
            <>
              <UsageChart months={data.months} series={series} />
              <UsageTable months={data.months} series={series} />
            </>
          );
        }}
      </QueryView>
    </section>
  );
}
