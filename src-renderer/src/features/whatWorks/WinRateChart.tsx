import type { ChartDataset, Plugin } from 'chart.js';
import { useEffect, useRef, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { DataTable } from '../../ui/DataTable';
import { contextOf, cssColor, drawChart, useThemeVersion } from '../goals/charting';
import type { WinRateChartRow } from './whatWorksModel';

/**
 * Win rate per technique as a bar, its 95% interval as a whisker over it (a floating bar
 * [low, high] with end caps drawn by `whiskerCaps`), and the technique's baseline (the same
 * filter's closed deals without it) as a tick across. Horizontal, so long names read whole.
 */
export function WinRateChart({ rows }: { rows: readonly WinRateChartRow[] }): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  const theme = useThemeVersion();
  const wrapper = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const context = contextOf(canvas.current);
    const element = wrapper.current;
    if (!context || !element) return;
    const color = (name: string): string => cssColor(element, name);
    const rate = color('--ww-chart-rate');
    const whisker = color('--ww-chart-interval');
    const baseline = color('--ww-chart-baseline');
    const text = color('--ww-chart-text');
    const grid = color('--ww-chart-grid');
    const font = { family: getComputedStyle(element).fontFamily, size: 11.5 };
    const percent = (value: number): string => format.percent(value / 100);

    return drawChart<'bar', number[], string>(context, ({ Chart, translucent }) => {
      const datasets = [
        {
          type: 'bar',
          label: t('whatWorks.ui.chart.rate'),
          data: rows.map((row) => row.rate),
          backgroundColor: translucent(rate, 0.4),
          borderColor: rate,
          borderWidth: 1,
          grouped: false,
          pointStyle: 'rect',
          barPercentage: 0.72,
          categoryPercentage: 0.9,
          order: 2,
        },
        {
          type: 'bar',
          label: t('whatWorks.ui.chart.interval'),
          data: rows.map((row) => [row.low, row.high]),
          backgroundColor: whisker,
          borderColor: whisker,
          borderWidth: 0,
          grouped: false,
          barThickness: 2,
          pointStyle: 'line',
          order: 1,
        },
        {
          type: 'line',
          label: t('whatWorks.ui.chart.baseline'),
          data: rows.map((row) => row.baseline),
          showLine: false,
          pointStyle: 'line',
          rotation: 90,
          pointRadius: 11,
          pointHoverRadius: 12,
          pointBorderWidth: 3,
          pointHoverBorderWidth: 3,
          borderColor: baseline,
          backgroundColor: baseline,
          order: 0,
        },
      ] as unknown as ChartDataset<'bar', number[]>[];

      /** The whisker's end caps: short strokes across each interval's two ends. */
      const whiskerCaps: Plugin<'bar'> = {
        id: 'whiskerCaps',
        afterDatasetDraw(chart, { index, meta }) {
          if (index !== 1) return;
          const { ctx } = chart;
          ctx.save();
          ctx.strokeStyle = whisker;
          ctx.lineWidth = 2;
          for (const bar of meta.data) {
            const { x, y, base } = bar.getProps(['x', 'y', 'base'], true) as { x: number; y: number; base: number };
            for (const end of [x, base]) {
              ctx.beginPath();
              ctx.moveTo(end, y - 6);
              ctx.lineTo(end, y + 6);
              ctx.stroke();
            }
          }
          ctx.restore();
        },
      };

      return {
        type: 'bar',
        data: { labels: rows.map((row) => row.technique), datasets },
        options: {
          indexAxis: 'y',
          animation: false,
          responsive: true,
          maintainAspectRatio: false,
          interaction: { mode: 'index', axis: 'y', intersect: false },
          layout: { padding: { right: 12 } },
          scales: {
            x: {
              min: 0,
              max: 100,
              grid: { color: grid },
              border: { color: grid },
              ticks: { color: text, font, stepSize: 20, callback: (value) => percent(Number(value)) },
            },
            y: { grid: { display: false }, border: { color: grid }, ticks: { color: text, font } },
          },
          plugins: {
            legend: {
              position: 'bottom',
              // In the datasets' order (chart.js would list them by drawing order): rate, range, without.
              labels: {
                color: text,
                font,
                usePointStyle: true,
                boxHeight: 7,
                sort: (a, b) => (a.datasetIndex ?? 0) - (b.datasetIndex ?? 0),
                // The range's entry is a line as thick as its whisker (a bar's own entry would take
                // its border, which it has none of).
                generateLabels: (chart) =>
                  Chart.defaults.plugins.legend.labels
                    .generateLabels(chart)
                    .map((item) => (item.datasetIndex === 1 ? { ...item, lineWidth: 2, strokeStyle: whisker } : item)),
              },
            },
            tooltip: {
              callbacks: {
                label: (item) => {
                  const row = rows[item.dataIndex];
                  if (!row) return '';
                  if (item.datasetIndex === 0) return `${t('whatWorks.ui.chart.rate')}: ${percent(row.rate)}`;
                  if (item.datasetIndex === 1)
                    return t('whatWorks.ui.chart.intervalTip', { low: percent(row.low), high: percent(row.high) });
                  return `${t('whatWorks.ui.chart.baseline')}: ${row.baseline === null ? '–' : percent(row.baseline)}`;
                },
              },
            },
          },
        },
        plugins: [whiskerCaps],
      };
    });
  }, [rows, theme, format, t]);

  return (
    <div className="ww-chart" ref={wrapper} style={{ height: `${Math.max(2, rows.length) * 44 + 72}px` }}>
      <canvas ref={canvas} role="img" aria-label={t('whatWorks.ui.chart.label')} />
    </div>
  );
}

/** The chart's numbers as a table, row for row. */
export function WinRateTable({ rows }: { rows: readonly WinRateChartRow[] }): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  const percent = (value: number | null): string => (value === null ? '–' : format.percent(value / 100));
  return (
    <DataTable
      className="ww-table ww-chart-numbers"
      wrapClassName="ww-chart-table"
      caption={t('whatWorks.ui.chart.tableCaption')}
      columns={[
        { label: t('whatWorks.ui.table.technique') },
        { label: t('whatWorks.ui.chart.rate'), num: true },
        { label: t('whatWorks.ui.chart.low'), num: true },
        { label: t('whatWorks.ui.chart.high'), num: true },
        { label: t('whatWorks.ui.chart.baseline'), num: true },
      ]}
    >
      {rows.map((row) => (
        <tr key={row.technique}>
          <th scope="row">{row.technique}</th>
          <td className="num">{percent(row.rate)}</td>
          <td className="num">{percent(row.low)}</td>
          <td className="num">{percent(row.high)}</td>
          <td className="num">{percent(row.baseline)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
