import { useEffect, useId, useRef, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { HomeCard, HomeSummary } from '../../../../src-main/features/home/contract';
import { useFormat } from '../../i18n/format';
import { DataTable } from '../../ui/DataTable';
import { contextOf, cssColor, drawChart, useThemeVersion } from '../goals/charting';
import { bucketLabel, figureText } from './homeModel';

export type TrendMetric = 'revenue' | 'win_rate' | 'avg_satisfaction' | 'nps';

/** Each chart's scale: what is drawn (rates as percentages) and the axis it is drawn on. */
const SCALES: Record<TrendMetric, { factor: number; min?: number; max?: number }> = {
  revenue: { factor: 1 },
  win_rate: { factor: 100, min: 0, max: 100 },
  avg_satisfaction: { factor: 1, min: 1, max: 5 },
  nps: { factor: 1, min: -100, max: 100 },
};

/**
 * A card's trend as a chart (revenue as bars in the seller's currency, the rates and scores
 * as lines), with a sentence saying what it shows and its numbers as a table a click away.
 */
export function TrendChart({ home, metric }: { home: HomeSummary; metric: TrendMetric }): ReactElement | null {
  const { t } = useTranslation();
  const format = useFormat();
  const theme = useThemeVersion();
  const wrapper = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [table, setTable] = useState(false);
  const tableId = useId();
  const card = home.cards.find(
    (c) => c.key === metric && (metric !== 'revenue' || c.currency === home.currencies[0]),
  ) as HomeCard;
  const grain = t(`home.grain.${home.grain}`);
  const currency = card.currency ?? '';
  const labels = card.trend.map((b) => bucketLabel(b, home.grain, format));
  const values = card.trend.map((b) => b.value);
  const text = (v: number | null): string => (v === null ? t('home.cards.none') : figureText(card, v, format));
  const id = `home-chart-${metric}`;
  // Revenue: the pace of the revenue goals in the same currency, a dashed line per goal beside the bars.
  const paces = metric === 'revenue' ? home.charts.revenuePace.filter((g) => g.currency === currency) : [];
  const money = (v: number | null): string => (v === null ? '–' : format.money(Math.round(v), currency));
  const scale = SCALES[metric];
  /** The chart's name, its picture's and its table's. */
  const named = (key: 'Title' | 'Label' | 'Caption'): string => {
    if (metric === 'revenue')
      return key === 'Title'
        ? t('home.chart.revenueTitle', { grain })
        : key === 'Label'
          ? t('home.chart.revenueLabel', { grain, currency })
          : t('home.chart.tableCaption', { grain, currency });
    if (metric === 'win_rate') return t(`home.chart.winRate${key}`, { grain });
    return t(metric === 'nps' ? 'home.chart.npsTitle' : 'home.chart.satisfactionTitle', { grain });
  };

  useEffect(() => {
    const context = contextOf(canvas.current);
    const element = wrapper.current;
    if (!context || !element) return;
    const color = (name: string): string => cssColor(element, name);
    const [ink, grid, series] = [color('--home-chart-text'), color('--home-chart-grid'), color('--home-chart-series')];
    const font = { family: getComputedStyle(element).fontFamily, size: 11.5 };
    const bars = metric === 'revenue';
    const pace = color('--home-chart-pace');
    const paceLines = paces.map((g, i) => ({
      type: 'line' as const,
      label: t('home.charts.pace.legend', { goal: g.title }),
      data: g.values,
      borderColor: pace,
      backgroundColor: pace,
      borderWidth: 2,
      borderDash: i === 0 ? [6, 4] : [2, 3],
      pointRadius: 2,
      pointStyle: 'line' as const,
      spanGaps: false,
    }));
    return drawChart(context, () => ({
      type: bars ? 'bar' : 'line',
      data: {
        labels,
        datasets: [
          {
            label: t(`home.cards.${metric}`),
            data: values.map((v) => (v === null ? null : v * scale.factor)),
            backgroundColor: series,
            borderColor: series,
            borderWidth: bars ? 0 : 2,
            borderRadius: bars ? 4 : 0,
            maxBarThickness: 44,
            pointRadius: 3,
            pointStyle: bars ? ('rect' as const) : ('circle' as const),
            spanGaps: false,
          },
          ...paceLines,
        ] as never,
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        layout: { padding: { top: 6 } },
        scales: {
          x: {
            grid: { display: false },
            border: { color: grid },
            ticks: { color: ink, font, maxRotation: 0, autoSkip: true },
          },
          y: {
            beginAtZero: scale.min === undefined,
            ...(scale.min === undefined ? {} : { min: scale.min, max: scale.max }),
            grid: { color: grid },
            border: { display: false },
            ticks: {
              color: ink,
              font,
              maxTicksLimit: 5,
              callback: (value) =>
                metric === 'revenue'
                  ? format.compactMoney(Number(value), currency)
                  : text(Number(value) / scale.factor),
            },
          },
        },
        plugins: {
          legend: {
            display: paceLines.length > 0,
            position: 'bottom',
            labels: { color: ink, font, usePointStyle: true, boxHeight: 7 },
          },
          tooltip: {
            callbacks: {
              label: (item) =>
                item.datasetIndex > 0
                  ? `${item.dataset.label ?? ''}: ${money(item.parsed.y)}`
                  : text(item.parsed.y === null ? null : item.parsed.y / scale.factor),
            },
          },
        },
      },
    }));
    // labels and values are rebuilt each render; the card and the theme are what change them.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [card, paces.length, JSON.stringify(paces), theme, format]);

  return (
    <section className={`card home-chart home-chart-${metric}`} aria-labelledby={id}>
      <div className="home-chart-head">
        <h2 id={id}>{named('Title')}</h2>
        <button
          type="button"
          className="btn btn-ghost"
          aria-expanded={table}
          aria-controls={tableId}
          onClick={() => setTable((open) => !open)}
        >
          {t(table ? 'common.hideNumbers' : 'common.showNumbers')}
        </button>
      </div>
      <p className="home-chart-summary">{summary()}</p>
      {metric === 'revenue' && paces.length === 0 && (
        <p className="home-chart-hint">
          {t('home.charts.pace.none')} <Link to="/goals">{t('home.charts.pace.add')}</Link>
        </p>
      )}
      <div className="home-chart-canvas" ref={wrapper}>
        <canvas ref={canvas} role="img" aria-label={named('Label')} />
      </div>
      <div id={tableId} hidden={!table}>
        <DataTable
          className="home-table"
          wrapClassName="home-chart-table"
          caption={named('Caption')}
          columns={[
            { label: t('home.chart.bucket') },
            { label: t(`home.cards.${metric}`), num: true },
            ...paces.map((g) => ({ label: t('home.charts.pace.column', { goal: g.title }), num: true })),
          ]}
        >
          {card.trend.map((b, i) => (
            <tr key={b.from}>
              <th scope="row">{labels[i]}</th>
              <td className="num">{text(b.value)}</td>
              {paces.map((g) => (
                <td key={g.goalId} className="num">
                  {money(g.values[i] ?? null)}
                </td>
              ))}
            </tr>
          ))}
        </DataTable>
      </div>
    </section>
  );

  function summary(): string {
    const known = card.trend.flatMap((b, i) => (b.value === null ? [] : [{ ...b, label: labels[i]!, value: b.value }]));
    if (metric === 'revenue') {
      const pace = paces
        .map((g) =>
          t('home.charts.pace.summary', {
            goal: g.title,
            pace: money(g.values.reduce<number>((sum, v) => sum + (v ?? 0), 0)),
          }),
        )
        .join(' ');
      if (!card.value) return [t('home.chart.summaryEmpty'), pace].join(' ').trim();
      const best = known.reduce((a, b) => (b.value > a.value ? b : a));
      const made = t('home.chart.summary', {
        total: text(card.value),
        bestPhrase: t(`home.chart.best.${home.grain}`),
        best: best.label,
        bestValue: text(best.value),
      });
      return [made, pace].join(' ').trim();
    }
    const rate = metric === 'win_rate';
    if (card.value === null || known.length === 0) return t(rate ? 'home.chart.winRateEmpty' : 'home.chart.rangeEmpty');
    const sorted = known.map((b) => b.value).sort((a, b) => a - b);
    return t(rate ? 'home.chart.winRateSummary' : 'home.chart.rangeSummary', {
      label: t(`home.cards.${metric}`),
      value: text(card.value),
      grain,
      low: text(sorted[0]!),
      high: text(sorted[sorted.length - 1]!),
    });
  }
}
