import { useEffect, useId, useRef, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { HomeCard, HomeSummary } from '../../../../src-main/features/home/contract';
import { useFormat } from '../../i18n/format';
import { DataTable } from '../../ui/DataTable';
import { Chart, contextOf, cssColor, useThemeVersion } from '../goals/charting';
import { bucketLabel, figureText } from './homeModel';

type TrendMetric = 'revenue' | 'win_rate';

/**
 * A card's trend as a chart (revenue as bars in the seller's currency, win rate as a line),
 * with a sentence saying what it shows and its numbers as a table a click away.
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

  useEffect(() => {
    const context = contextOf(canvas.current);
    const element = wrapper.current;
    if (!context || !element) return;
    const color = (name: string): string => cssColor(element, name);
    const [ink, grid, series] = [color('--home-chart-text'), color('--home-chart-grid'), color('--home-chart-series')];
    const font = { family: getComputedStyle(element).fontFamily, size: 11.5 };
    const bars = metric === 'revenue';
    const instance = new Chart(context, {
      type: bars ? 'bar' : 'line',
      data: {
        labels,
        datasets: [
          {
            label: t(`home.cards.${metric}`),
            data: values.map((v) => (v === null ? null : metric === 'win_rate' ? v * 100 : v)),
            backgroundColor: series,
            borderColor: series,
            borderWidth: bars ? 0 : 2,
            borderRadius: bars ? 4 : 0,
            maxBarThickness: 44,
            pointRadius: 3,
            spanGaps: false,
          },
        ],
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
            beginAtZero: true,
            ...(metric === 'win_rate' ? { max: 100 } : {}),
            grid: { color: grid },
            border: { display: false },
            ticks: {
              color: ink,
              font,
              maxTicksLimit: 5,
              callback: (value) =>
                metric === 'win_rate'
                  ? format.percent(Number(value) / 100)
                  : format.compactMoney(Number(value), currency),
            },
          },
        },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              label: (item) =>
                text(item.parsed.y === null ? null : metric === 'win_rate' ? item.parsed.y / 100 : item.parsed.y),
            },
          },
        },
      },
    });
    return () => instance.destroy();
    // labels and values are rebuilt each render; the card and the theme are what change them.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [card, theme, format]);

  const title =
    metric === 'revenue' ? t('home.chart.revenueTitle', { grain }) : t('home.chart.winRateTitle', { grain });
  return (
    <section className={`card home-chart home-chart-${metric}`} aria-labelledby={id}>
      <div className="home-chart-head">
        <h2 id={id}>{title}</h2>
        <button
          type="button"
          className="btn btn-ghost"
          aria-expanded={table}
          aria-controls={tableId}
          onClick={() => setTable((open) => !open)}
        >
          {t(table ? 'home.chart.hideTable' : 'home.chart.showTable')}
        </button>
      </div>
      <p className="home-chart-summary">{summary()}</p>
      <div className="home-chart-canvas" ref={wrapper}>
        <canvas
          ref={canvas}
          role="img"
          aria-label={
            metric === 'revenue'
              ? t('home.chart.revenueLabel', { grain, currency })
              : t('home.chart.winRateLabel', { grain })
          }
        />
      </div>
      <div id={tableId} hidden={!table}>
        <DataTable
          className="home-table"
          wrapClassName="home-chart-table"
          caption={
            metric === 'revenue'
              ? t('home.chart.tableCaption', { grain, currency })
              : t('home.chart.winRateCaption', { grain })
          }
          columns={[{ label: t('home.chart.bucket') }, { label: t(`home.cards.${metric}`), num: true }]}
        >
          {card.trend.map((b, i) => (
            <tr key={b.from}>
              <th scope="row">{labels[i]}</th>
              <td className="num">{text(b.value)}</td>
            </tr>
          ))}
        </DataTable>
      </div>
    </section>
  );

  function summary(): string {
    const known = card.trend.flatMap((b, i) => (b.value === null ? [] : [{ ...b, label: labels[i]!, value: b.value }]));
    if (metric === 'revenue') {
      if (!card.value) return t('home.chart.summaryEmpty');
      const best = known.reduce((a, b) => (b.value > a.value ? b : a));
      return t('home.chart.summary', {
        total: text(card.value),
        bestPhrase: t(`home.chart.best.${home.grain}`),
        best: best.label,
        bestValue: text(best.value),
      });
    }
    if (card.value === null || known.length === 0) return t('home.chart.winRateEmpty');
    const sorted = known.map((b) => b.value).sort((a, b) => a - b);
    return t('home.chart.winRateSummary', {
      value: text(card.value),
      grain,
      low: text(sorted[0]!),
      high: text(sorted[sorted.length - 1]!),
    });
  }
}
