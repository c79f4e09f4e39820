import type { ChartDataset } from 'chart.js';
import { useEffect, useRef, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Scorecard } from '../../../../src-main/features/goals/contract/api';
import { scorecardChartData, scorecardSlots } from './chartData';
import { contextOf, cssColor, drawChart, useThemeVersion } from './charting';
import { useGoalFormat } from './useGoalFormat';

/**
 * The weighted score per period as a line over each side's bars, 0–100; the table below says
 * the same. Empty periods are gaps; the period still running (`asOf` in it) has a hollow point,
 * a dashed line into it, and a sentence under the chart saying its score can still change.
 */
export function ScorecardChart({ card, asOf }: { card: Scorecard; asOf: string }): ReactElement {
  const { t } = useTranslation();
  const format = useGoalFormat();
  const theme = useThemeVersion();
  const wrapper = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const slots = scorecardSlots(card);
  const running = slots.find((slot) => slot.from <= asOf && asOf <= slot.to);

  useEffect(() => {
    const context = contextOf(canvas.current);
    const element = wrapper.current;
    if (!context || !element) return;
    const color = (name: string): string => cssColor(element, name);
    return drawChart<'bar', (number | null)[], string>(context, ({ translucent }) => {
      const data = scorecardChartData(
        card,
        {
          score: color('--goal-chart-actual'),
          surface: color('--goal-chart-surface'),
          volume: color('--goal-chart-volume'),
          quality: color('--goal-chart-quality'),
          loyalty: color('--goal-chart-loyalty'),
          fill: (css) => translucent(css, 0.35),
        },
        {
          score: t('goals.scorecard.score'),
          volume: t('goals.categories.volume'),
          quality: t('goals.categories.quality'),
          loyalty: t('goals.categories.loyalty'),
        },
        asOf,
      );
      // The line into the unfinished period is dashed: that stretch is not a result yet.
      const score = data.datasets[0] as unknown as ChartDataset<'line', (number | null)[]>;
      score.segment = { borderDash: (part) => (part.p1DataIndex === data.unfinished ? [5, 4] : undefined) };
      const text = color('--goal-chart-text');
      const grid = color('--goal-chart-grid');
      const font = { family: getComputedStyle(element).fontFamily, size: 11.5 };
      const labels = data.slots.map((slot) => format.period(slot.from, slot.to, card.every));
      return {
        type: 'bar',
        data: { labels, datasets: data.datasets as unknown as ChartDataset<'bar', (number | null)[]>[] },
        options: {
          animation: false,
          responsive: true,
          maintainAspectRatio: false,
          interaction: { mode: 'index', intersect: false },
          // Scores of 100 sit on the top line: let their points show whole.
          datasets: { line: { clip: 8 }, bar: { maxBarThickness: 18 } },
          // A side with no goal that period leaves no gap: the others' bars close up.
          skipNull: true,
          layout: { padding: { top: 8 } },
          scales: {
            x: { grid: { color: grid }, border: { color: grid }, ticks: { color: text, font, maxRotation: 0 } },
            y: {
              min: 0,
              max: 100,
              grid: { color: grid },
              border: { color: grid },
              ticks: { color: text, font, stepSize: 25, callback: (value) => format.number(Number(value)) },
            },
          },
          plugins: {
            legend: { position: 'bottom', labels: { color: text, font, usePointStyle: true, boxHeight: 7 } },
            tooltip: {
              callbacks: {
                label: (item) =>
                  `${item.dataset.label ?? ''}: ${item.parsed.y === null ? '–' : format.number(item.parsed.y, 0)}`,
              },
            },
          },
        },
      };
    });
  }, [card, asOf, theme, format, t]);

  return (
    <>
      <div className="goal-chart scorecard-chart" ref={wrapper}>
        <canvas ref={canvas} role="img" aria-label={t('goals.scorecard.chartLabel')} />
      </div>
      {running && (
        <p className="muted scorecard-running">
          <span className="scorecard-running-mark" aria-hidden="true" />
          {t('goals.scorecard.running', { period: format.period(running.from, running.to, card.every) })}
        </p>
      )}
    </>
  );
}
