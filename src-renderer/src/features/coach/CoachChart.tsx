import { useEffect, useId, useRef, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { CoachRow } from '../../../../src-main/features/coach/contract';
import { useFormat } from '../../i18n/format';
import { DataTable } from '../../ui/DataTable';
import { contextOf, cssColor, drawChart, useThemeVersion } from '../goals/charting';

export type CoachMetric = 'revenue' | 'win_rate';

/**
 * One figure across the sellers of a period as bars (revenue in the period's one currency, win
 * rate as a percentage), with a sentence naming the highest and the lowest for screen readers
 * and everyone, and the numbers as a table a click away (as Home's charts).
 */
export function CoachChart({
  rows,
  metric,
  period,
  name,
}: {
  rows: readonly CoachRow[];
  metric: CoachMetric;
  period: string;
  name: (seller: string) => string;
}): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  const theme = useThemeVersion();
  const wrapper = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [table, setTable] = useState(false);
  const id = useId();
  const currency = rows[0]?.currency ?? '';
  const values = rows.map((r) => (metric === 'revenue' ? r.revenue_cents : r.win_rate));
  const text = (v: number | null): string =>
    v === null ? t('coach.table.none') : metric === 'revenue' ? format.money(v, currency) : format.percent(v, 1);
  const labels = rows.map((r) => name(r.seller));
  // Under a bar a long name is cut short; the sentence and the table say it whole.
  const barLabels = labels.map((l) => (l.length > 24 ? `${l.slice(0, 23)}…` : l));
  const title = metric === 'revenue' ? t('coach.charts.revenueTitle', { currency }) : t('coach.charts.winRateTitle');
  const label =
    metric === 'revenue'
      ? t('coach.charts.revenueLabel', { currency, period })
      : t('coach.charts.winRateLabel', { period });

  useEffect(() => {
    const context = contextOf(canvas.current);
    const element = wrapper.current;
    if (!context || !element) return;
    const color = (n: string): string => cssColor(element, n);
    const [ink, grid, series] = [
      color('--coach-chart-text'),
      color('--coach-chart-grid'),
      color('--coach-chart-series'),
    ];
    const font = { family: getComputedStyle(element).fontFamily, size: 11.5 };
    const factor = metric === 'revenue' ? 1 : 100;
    return drawChart(context, () => ({
      type: 'bar',
      data: {
        labels: barLabels,
        datasets: [
          {
            label: title,
            data: values.map((v) => (v === null ? null : v * factor)),
            backgroundColor: series,
            borderRadius: 4,
            maxBarThickness: 56,
          },
        ],
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          x: { grid: { display: false }, border: { color: grid }, ticks: { color: ink, font, maxRotation: 0 } },
          y: {
            beginAtZero: true,
            ...(metric === 'win_rate' ? { max: 100 } : {}),
            grid: { color: grid },
            border: { display: false },
            ticks: {
              color: ink,
              font,
              maxTicksLimit: 5,
              callback: (v) =>
                metric === 'revenue' ? format.compactMoney(Number(v), currency) : format.percent(Number(v) / 100, 0),
            },
          },
        },
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { label: (item) => text(item.parsed.y === null ? null : item.parsed.y / factor) } },
        },
      },
    }));
    // labels and values are rebuilt each render; the rows and the theme are what change them.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rows, theme, format]);

  return (
    <section className="card coach-chart" aria-labelledby={`${id}-title`}>
      <div className="coach-chart-head">
        <h3 id={`${id}-title`}>{title}</h3>
        <button
          type="button"
          className="btn btn-ghost"
          aria-expanded={table}
          aria-controls={`${id}-table`}
          onClick={() => setTable((open) => !open)}
        >
          {t(table ? 'common.hideNumbers' : 'common.showNumbers')}
        </button>
      </div>
      <p className="coach-chart-summary">{summary()}</p>
      <div className="coach-chart-canvas" ref={wrapper}>
        <canvas ref={canvas} role="img" aria-label={label} />
      </div>
      <div id={`${id}-table`} hidden={!table}>
        <DataTable
          className="coach-table"
          caption={label}
          columns={[
            { label: t('coach.charts.seller') },
            { label: t(`coach.figures.${metric === 'revenue' ? 'revenue_cents' : 'win_rate'}`), num: true },
          ]}
        >
          {rows.map((r, i) => (
            <tr key={r.id}>
              <th scope="row">{labels[i]}</th>
              <td className="num">{text(values[i] ?? null)}</td>
            </tr>
          ))}
        </DataTable>
      </div>
    </section>
  );

  function summary(): string {
    const known = rows.flatMap((r, i) => (values[i] === null ? [] : [{ label: labels[i]!, value: values[i]! }]));
    if (known.length === 0) return t('coach.charts.summaryEmpty');
    const best = known.reduce((a, b) => (b.value > a.value ? b : a));
    const worst = known.reduce((a, b) => (b.value < a.value ? b : a));
    return t('coach.charts.summary', {
      best: best.label,
      bestValue: text(best.value),
      worst: worst.label,
      worstValue: text(worst.value),
    });
  }
}
