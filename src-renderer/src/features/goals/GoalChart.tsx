import type { ChartDataset, Plugin, TooltipItem } from 'chart.js';
import { useEffect, useMemo, useRef, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Goal, GoalChart as ChartData } from '../../../../src-main/features/goals/contract/api';
import { dateAt, goalChartData, LEGEND_ORDER, type LineDataset, type MilestonePoint } from './chartData';
import { contextOf, cssColor, drawChart, useThemeVersion } from './charting';
import { useGoalFormat } from './useGoalFormat';

/**
 * The goal detail chart: cumulative actual, the ideal pace, the forecast cone, the target
 * (stepped where it was changed), milestones, breaks and today. It only draws what
 * goalChartData maps from the backend's chart data; the table next to it says the same.
 */
export function GoalChart({ goal, chart }: { goal: Goal; chart: ChartData }): ReactElement {
  const { t } = useTranslation();
  const format = useGoalFormat();
  const theme = useThemeVersion();
  const wrapper = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const measure = useMemo(() => ({ unit: goal.unit, currency: goal.currency }), [goal.unit, goal.currency]);
  const cumulative = goal.aggregation === 'sum' || goal.aggregation === 'count';

  useEffect(() => {
    const context = contextOf(canvas.current);
    const element = wrapper.current;
    if (!context || !element) return;
    const color = (name: string): string => cssColor(element, name);
    const data = goalChartData(
      chart,
      {
        actual: color('--goal-chart-actual'),
        pace: color('--goal-chart-pace'),
        target: color('--goal-chart-target'),
        forecast: color('--goal-chart-forecast'),
        range: color('--goal-chart-range'),
        milestone: color('--goal-chart-milestone'),
        surface: color('--goal-chart-surface'),
      },
      {
        actual: t('goals.chart.actual'),
        pace: t('goals.chart.pace'),
        target: t('goals.chart.target'),
        forecast: t('goals.chart.forecast'),
        range: t('goals.chart.range'),
        milestones: t('goals.chart.milestones'),
      },
    );
    const text = color('--goal-chart-text');
    const grid = color('--goal-chart-grid');
    const font = { family: getComputedStyle(element).fontFamily, size: 11.5 };
    const shortDate = new Intl.DateTimeFormat(format.locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
    const dayOf = (x: number): string => dateAt(chart.from, x);

    const overlay: Plugin<'line'> = {
      id: 'goalOverlay',
      beforeDatasetsDraw({ ctx, chartArea: area, scales: { x } }) {
        if (!x) return;
        const at = (value: number): number => Math.min(area.right, Math.max(area.left, x.getPixelForValue(value)));
        ctx.save();
        ctx.fillStyle = color('--goal-chart-break');
        for (const b of data.breaks) ctx.fillRect(at(b.from), area.top, at(b.to) - at(b.from), area.bottom - area.top);
        ctx.font = `600 ${font.size - 1}px ${font.family}`;
        ctx.textBaseline = 'top';
        const marker = (value: number, stroke: string, dash: number[], label: string): void => {
          const px = at(value);
          ctx.strokeStyle = stroke;
          ctx.fillStyle = stroke;
          ctx.setLineDash(dash);
          ctx.lineWidth = 1;
          ctx.beginPath();
          ctx.moveTo(px, area.top);
          ctx.lineTo(px, area.bottom);
          ctx.stroke();
          if (label) ctx.fillText(label, Math.min(px + 4, area.right - ctx.measureText(label).width), area.top + 2);
        };
        for (const e of data.events)
          marker(
            e.x,
            color('--goal-chart-event'),
            [3, 3],
            e.easing ? t('goals.chart.eased') : t('goals.chart.changed'),
          );
        if (data.today !== null) marker(data.today, color('--goal-chart-today'), [], t('goals.chart.today'));
        ctx.restore();
      },
    };

    const datasetOf = (item: TooltipItem<'line'>): LineDataset | undefined => data.datasets[item.datasetIndex];
    const rank = (index: number | undefined): number =>
      LEGEND_ORDER.indexOf(data.datasets[index ?? -1]?.role ?? 'actual');
    return drawChart(context, () => ({
      type: 'line',
      data: { datasets: data.datasets as unknown as ChartDataset<'line', { x: number; y: number | null }[]>[] },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: 'x', intersect: false },
        // Points on the chart's edge (a milestone on the last day, the target on the top line) show whole.
        datasets: { line: { clip: 8 } },
        layout: { padding: { top: 8, right: 8 } },
        scales: {
          x: {
            type: 'linear',
            min: data.x.min,
            max: data.x.max,
            grid: { color: grid },
            border: { color: grid },
            ticks: {
              color: text,
              font,
              maxRotation: 0,
              callback: (value) => shortDate.format(new Date(`${dayOf(Number(value))}T00:00:00Z`)),
            },
            afterBuildTicks: (axis) => {
              axis.ticks = data.x.ticks.map((value) => ({ value }));
            },
          },
          y: {
            beginAtZero: cumulative,
            // Room above the target, so its line is not the chart's top edge.
            grace: '5%',
            grid: { color: grid },
            border: { color: grid },
            ticks: { color: text, font, callback: (value) => format.compact(Number(value), measure) },
          },
        },
        plugins: {
          legend: {
            position: 'bottom',
            labels: {
              color: text,
              font,
              usePointStyle: true,
              boxHeight: 7,
              filter: (item) => data.datasets[item.datasetIndex ?? -1]?.inLegend ?? false,
              sort: (a, b) => rank(a.datasetIndex) - rank(b.datasetIndex),
            },
          },
          tooltip: {
            filter: (item) => datasetOf(item)?.role !== 'rangeLow',
            callbacks: {
              title: (items) => (items[0] ? format.date(dayOf(items[0].parsed.x ?? 0)) : ''),
              label: (item) => {
                const dataset = datasetOf(item);
                const y = item.parsed.y ?? 0;
                if (dataset?.role === 'milestones') {
                  const point = dataset.data[item.dataIndex] as MilestonePoint | undefined;
                  return `${point?.title ?? ''}: ${format.value(y, measure)}`;
                }
                if (dataset?.role === 'rangeHigh') {
                  const low = data.datasets[0]?.data[item.dataIndex]?.y ?? y;
                  return `${dataset.label}: ${format.value(low, measure)} – ${format.value(y, measure)}`;
                }
                return `${dataset?.label ?? ''}: ${format.value(y, measure)}`;
              },
            },
          },
        },
      },
      plugins: [overlay],
    }));
  }, [chart, theme, format, t, measure, cumulative]);

  return (
    <div className="goal-chart" ref={wrapper}>
      <canvas ref={canvas} role="img" aria-label={t('goals.chart.label', { title: goal.title })} />
    </div>
  );
}
