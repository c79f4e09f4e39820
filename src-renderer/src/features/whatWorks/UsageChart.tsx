import type { ChartDataset } from 'chart.js';
import { useEffect, useMemo, useRef, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { DataTable } from '../../ui/DataTable';
import { contextOf, cssColor, drawChart, useThemeVersion } from '../goals/charting';
import { monthStart, type UsageSeries } from './whatWorksModel';

/** The series' colours, from the stylesheet (whatworks.css), in the order the lines come. */
const SERIES_COLORS = 6;

/** "Mar 2026" / "mar 2026": a month on the axis and in the table. */
function useMonthLabel(): (month: string) => string {
  const format = useFormat();
  return useMemo(() => {
    const month = new Intl.DateTimeFormat(format.locale, { month: 'short', year: 'numeric', timeZone: 'UTC' });
    return (key: string) => month.format(new Date(`${monthStart(key)}T00:00:00Z`));
  }, [format]);
}

/** Deals naming each technique, by the month they opened: one line per technique. */
export function UsageChart({
  months,
  series,
}: {
  months: readonly string[];
  series: readonly UsageSeries[];
}): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  const monthLabel = useMonthLabel();
  const theme = useThemeVersion();
  const wrapper = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const context = contextOf(canvas.current);
    const element = wrapper.current;
    if (!context || !element) return;
    const color = (name: string): string => cssColor(element, name);
    const text = color('--ww-chart-text');
    const grid = color('--ww-chart-grid');
    const others = color('--ww-chart-others');
    const font = { family: getComputedStyle(element).fontFamily, size: 11.5 };
    const datasets = series.map((s, index) => {
      const line = s.techniqueId === null ? others : color(`--ww-series-${(index % SERIES_COLORS) + 1}`);
      return {
        label: s.technique,
        data: s.counts,
        borderColor: line,
        backgroundColor: line,
        borderWidth: 2,
        borderDash: s.techniqueId === null ? [5, 4] : undefined,
        pointRadius: 2.5,
        pointHoverRadius: 4,
        tension: 0,
      };
    }) as ChartDataset<'line', number[]>[];
    return drawChart<'line', number[], string>(context, () => ({
      type: 'line',
      data: { labels: months.map(monthLabel), datasets },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        datasets: { line: { clip: 6 } },
        layout: { padding: { top: 6 } },
        scales: {
          x: { grid: { color: grid }, border: { color: grid }, ticks: { color: text, font, maxRotation: 0 } },
          y: {
            beginAtZero: true,
            grid: { color: grid },
            border: { color: grid },
            ticks: { color: text, font, precision: 0, callback: (value) => format.number(Number(value)) },
          },
        },
        plugins: {
          legend: { position: 'bottom', labels: { color: text, font, usePointStyle: true, boxHeight: 7 } },
          tooltip: {
            callbacks: { label: (item) => `${item.dataset.label ?? ''}: ${format.number(item.parsed.y ?? 0)}` },
          },
        },
      },
    }));
  }, [months, series, theme, format, monthLabel]);

  return (
    <div className="ww-chart ww-usage-chart" ref={wrapper}>
      <canvas ref={canvas} role="img" aria-label={t('whatWorks.ui.usage.label')} />
    </div>
  );
}

/** The use chart's numbers: a row per month, a column per line. */
export function UsageTable({
  months,
  series,
}: {
  months: readonly string[];
  series: readonly UsageSeries[];
}): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  const monthLabel = useMonthLabel();
  return (
    <DataTable
      className="ww-table ww-usage-numbers"
      wrapClassName="ww-chart-table"
      caption={t('whatWorks.ui.usage.tableCaption')}
      columns={[{ label: t('whatWorks.ui.usage.month') }, ...series.map((s) => ({ label: s.technique, num: true }))]}
    >
      {months.map((month, i) => (
        <tr key={month}>
          <th scope="row">{monthLabel(month)}</th>
          {series.map((s) => (
            <td key={s.technique} className="num">
              {format.number(s.counts[i] ?? 0)}
            </td>
          ))}
        </tr>
      ))}
    </DataTable>
  );
}
