import type { ChartConfiguration, ChartDataset, Plugin } from 'chart.js';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { HomeSummary } from '../../../../src-main/features/home/contract';
import { useFormat } from '../../i18n/format';
import { useEditors } from '../../shell/EditorsProvider';
import type { ChartTools } from '../goals/charting';
import { ChartCard, type ChartTheme } from './ChartCard';
import { bucketLabel } from './homeModel';

/**
 * Home's charts beyond the cards' trends, in a grid of two columns (one on a narrow window):
 * new vs repeat revenue, the pipeline by stage, the techniques that work and learning. Every
 * number is the summary's (the metrics module's); each chart says what to do when empty.
 */
export function MoreCharts({ home }: { home: HomeSummary }): ReactElement {
  const { t } = useTranslation();
  return (
    <section className="home-more" aria-label={t('home.charts.region')}>
      <NewRepeatChart home={home} />
      <PipelineChart home={home} />
      <TechniquesChart home={home} />
      <LearningChart home={home} />
    </section>
  );
}

/** The category axis and the value axis as every Home chart draws them. */
function axes(theme: ChartTheme, tick: (value: number) => string, stacked = false) {
  return {
    x: {
      stacked,
      grid: { display: false },
      border: { color: theme.grid },
      ticks: { color: theme.ink, font: theme.font, maxRotation: 0, autoSkip: true },
    },
    y: {
      stacked,
      beginAtZero: true,
      grid: { color: theme.grid },
      border: { display: false },
      ticks: {
        color: theme.ink,
        font: theme.font,
        maxTicksLimit: 5,
        callback: (v: number | string) => tick(Number(v)),
      },
    },
  };
}

/** Under the chart, in the datasets' order (chart.js would list them in drawing order). */
const legend = (theme: ChartTheme) => ({
  position: 'bottom' as const,
  labels: {
    color: theme.ink,
    font: theme.font,
    usePointStyle: true,
    boxHeight: 7,
    sort: (a: { datasetIndex?: number }, b: { datasetIndex?: number }) => (a.datasetIndex ?? 0) - (b.datasetIndex ?? 0),
  },
});

function NewRepeatChart({ home }: { home: HomeSummary }): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  const { openSale } = useEditors();
  const currency = home.currencies[0] ?? '';
  const trend = home.charts.newRepeat.find((c) => c.currency === currency)?.trend ?? [];
  const grain = t(`home.grain.${home.grain}`);
  const labels = trend.map((b) => bucketLabel(b, home.grain, format));
  const money = (v: number): string => format.money(v, currency);
  const first = trend.reduce((n, b) => n + b.first, 0);
  const repeat = trend.reduce((n, b) => n + b.repeat, 0);
  const total = first + repeat;
  return (
    <ChartCard
      name="new_repeat"
      title={t('home.charts.newRepeat.title', { grain })}
      label={t('home.charts.newRepeat.label', { grain, currency })}
      summary={
        total > 0
          ? t('home.charts.newRepeat.summary', {
              repeat: money(repeat),
              total: money(total),
              share: format.percent(repeat / total),
            })
          : ''
      }
      empty={
        total > 0
          ? null
          : {
              text: t('home.charts.newRepeat.empty'),
              action: t('home.charts.newRepeat.action'),
              onClick: () => openSale(),
            }
      }
      table={{
        caption: t('home.charts.newRepeat.caption', { grain, currency }),
        columns: [
          { label: t('home.chart.bucket') },
          { label: t('home.charts.newRepeat.first'), num: true },
          { label: t('home.charts.newRepeat.repeat'), num: true },
          { label: t('home.charts.newRepeat.total'), num: true },
        ],
        rows: trend.map((b, i) => ({
          key: b.from,
          head: labels[i]!,
          cells: [money(b.first), money(b.repeat), money(b.first + b.repeat)],
        })),
      }}
      config={(theme) => ({
        type: 'bar',
        data: {
          labels,
          datasets: [
            {
              label: t('home.charts.newRepeat.first'),
              data: trend.map((b) => b.first),
              backgroundColor: theme.first,
              borderRadius: 3,
              maxBarThickness: 44,
            },
            {
              label: t('home.charts.newRepeat.repeat'),
              data: trend.map((b) => b.repeat),
              backgroundColor: theme.series,
              borderRadius: 3,
              maxBarThickness: 44,
            },
          ],
        },
        options: {
          animation: false,
          responsive: true,
          maintainAspectRatio: false,
          scales: axes(theme, (v) => format.compactMoney(v, currency), true),
          plugins: {
            legend: legend(theme),
            tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${money(item.parsed.y ?? 0)}` } },
          },
        },
      })}
    />
  );
}

function PipelineChart({ home }: { home: HomeSummary }): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  const { openSale } = useEditors();
  // A deal without a stage is a row only when there is one.
  const stages = home.charts.pipeline.filter((s) => s.stage !== 'none' || s.count > 0);
  const name = (stage: string): string => (stage === 'none' ? t('home.charts.pipeline.noStage') : t(`stage.${stage}`));
  const amounts = (list: { currency: string; amount: number }[]): string =>
    list.length === 0 ? '–' : list.map((a) => format.money(a.amount, a.currency)).join(' · ');
  const count = stages.reduce((n, s) => n + s.count, 0);
  const byCurrency = new Map<string, number>();
  for (const s of stages)
    for (const a of s.amounts) byCurrency.set(a.currency, (byCurrency.get(a.currency) ?? 0) + a.amount);
  const busiest = stages.reduce((a, b) => (b.count > a.count ? b : a), stages[0]!);
  return (
    <ChartCard
      name="pipeline"
      title={t('home.charts.pipeline.title')}
      label={t('home.charts.pipeline.label')}
      summary={
        count > 0
          ? t('home.charts.pipeline.summary', {
              count,
              amount: amounts([...byCurrency].map(([currency, amount]) => ({ currency, amount }))),
              stage: name(busiest.stage),
              stageCount: busiest.count,
            })
          : ''
      }
      empty={
        count > 0
          ? null
          : {
              text: t('home.charts.pipeline.empty'),
              action: t('home.charts.pipeline.action'),
              onClick: () => openSale(),
            }
      }
      table={{
        caption: t('home.charts.pipeline.caption'),
        columns: [
          { label: t('home.charts.pipeline.stage') },
          { label: t('home.charts.pipeline.deals'), num: true },
          { label: t('home.charts.pipeline.amount'), num: true },
        ],
        rows: stages.map((s) => ({
          key: s.stage,
          head: name(s.stage),
          cells: [format.number(s.count), amounts(s.amounts)],
        })),
      }}
      config={(theme) => ({
        type: 'bar',
        data: {
          labels: stages.map((s) => name(s.stage)),
          datasets: [
            {
              label: t('home.charts.pipeline.deals'),
              data: stages.map((s) => s.count),
              backgroundColor: theme.series,
              borderRadius: 3,
              maxBarThickness: 28,
            },
          ],
        },
        options: {
          indexAxis: 'y',
          animation: false,
          responsive: true,
          maintainAspectRatio: false,
          scales: {
            x: {
              beginAtZero: true,
              grid: { color: theme.grid },
              border: { display: false },
              ticks: { color: theme.ink, font: theme.font, precision: 0, maxTicksLimit: 6 },
            },
            y: {
              grid: { display: false },
              border: { color: theme.grid },
              ticks: { color: theme.ink, font: theme.font },
            },
          },
          plugins: {
            legend: { display: false },
            tooltip: {
              callbacks: {
                label: (item) => {
                  const s = stages[item.dataIndex]!;
                  return `${format.number(s.count)} · ${amounts(s.amounts)}`;
                },
              },
            },
          },
        },
      })}
    />
  );
}

function TechniquesChart({ home }: { home: HomeSummary }): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  const { rows, waiting, minimum } = home.charts.techniques;
  const percent = (v: number | null): string => (v === null ? '–' : format.percent(v));
  const best = rows[0];
  const waitingText = waiting > 0 ? ` ${t('home.charts.techniques.waiting', { count: waiting })}` : '';
  return (
    <ChartCard
      name="techniques"
      title={t('home.charts.techniques.title')}
      label={t('home.charts.techniques.label')}
      summary={
        best
          ? t('home.charts.techniques.summary', {
              technique: best.technique,
              rate: percent(best.winRate),
              decided: format.number(best.used),
              low: percent(best.interval?.low ?? null),
              high: percent(best.interval?.high ?? null),
            }) + waitingText
          : ''
      }
      empty={
        best
          ? null
          : {
              text:
                t('home.charts.techniques.empty', { withIt: minimum.withIt, without: minimum.without }) + waitingText,
              action: t('home.charts.techniques.action'),
              to: '/journal/what-works',
            }
      }
      height={Math.max(2, rows.length) * 36 + 40}
      table={{
        caption: t('home.charts.techniques.caption'),
        columns: [
          { label: t('home.charts.techniques.technique') },
          { label: t('home.charts.techniques.decided'), num: true },
          { label: t('home.charts.techniques.won'), num: true },
          { label: t('home.charts.techniques.winRate'), num: true },
          { label: t('home.charts.techniques.interval'), num: true },
        ],
        rows: rows.map((r) => ({
          key: String(r.techniqueId),
          head: r.technique,
          cells: [
            format.number(r.used),
            format.number(r.won),
            percent(r.winRate),
            r.interval
              ? t('home.charts.techniques.range', { low: percent(r.interval.low), high: percent(r.interval.high) })
              : '–',
          ],
        })),
      }}
      config={(theme, { translucent }) => techniquesConfig(theme, translucent, rows, t, percent)}
    />
  );
}

/** The win rate as a bar, its 95 % interval as a whisker over it (What works draws the same). */
function techniquesConfig(
  theme: ChartTheme,
  translucent: ChartTools['translucent'],
  rows: HomeSummary['charts']['techniques']['rows'],
  t: (key: string, values?: Record<string, unknown>) => string,
  percent: (v: number | null) => string,
): ChartConfiguration {
  const caps: Plugin<'bar'> = {
    id: 'homeWhiskerCaps',
    afterDatasetDraw(chart, { index, meta }) {
      if (index !== 1) return;
      const { ctx } = chart;
      ctx.save();
      ctx.strokeStyle = theme.pace;
      ctx.lineWidth = 2;
      for (const bar of meta.data) {
        const { x, y, base } = bar.getProps(['x', 'y', 'base'], true) as { x: number; y: number; base: number };
        for (const end of [x, base]) {
          ctx.beginPath();
          ctx.moveTo(end, y - 5);
          ctx.lineTo(end, y + 5);
          ctx.stroke();
        }
      }
      ctx.restore();
    },
  };
  const datasets = [
    {
      label: t('home.charts.techniques.winRate'),
      data: rows.map((r) => (r.winRate ?? 0) * 100),
      backgroundColor: translucent(theme.series, 0.45),
      borderColor: theme.series,
      borderWidth: 1,
      grouped: false,
      barPercentage: 0.7,
      pointStyle: 'rect',
    },
    {
      label: t('home.charts.techniques.interval'),
      data: rows.map((r) => (r.interval ? [r.interval.low * 100, r.interval.high * 100] : null)),
      backgroundColor: theme.pace,
      borderWidth: 0,
      grouped: false,
      barThickness: 2,
      pointStyle: 'line',
    },
  ] as unknown as ChartDataset<'bar', number[]>[];
  return {
    type: 'bar',
    data: { labels: rows.map((r) => r.technique), datasets },
    options: {
      indexAxis: 'y',
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      layout: { padding: { right: 12 } },
      scales: {
        x: {
          min: 0,
          max: 100,
          grid: { color: theme.grid },
          border: { color: theme.grid },
          ticks: { color: theme.ink, font: theme.font, stepSize: 25, callback: (v) => percent(Number(v) / 100) },
        },
        y: { grid: { display: false }, border: { color: theme.grid }, ticks: { color: theme.ink, font: theme.font } },
      },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            label: (item) => {
              const r = rows[item.dataIndex]!;
              return item.datasetIndex === 0
                ? `${t('home.charts.techniques.winRate')}: ${percent(r.winRate)}`
                : `${t('home.charts.techniques.interval')}: ${r.interval ? t('home.charts.techniques.range', { low: percent(r.interval.low), high: percent(r.interval.high) }) : '–'}`;
            },
          },
        },
      },
    },
    plugins: [caps as Plugin],
  };
}

function LearningChart({ home }: { home: HomeSummary }): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  const trend = home.charts.learning;
  const grain = t(`home.grain.${home.grain}`);
  const labels = trend.map((b) => bucketLabel(b, home.grain, format));
  const minutes = trend.reduce((n, b) => n + b.minutes, 0);
  const pages = trend.reduce((n, b) => n + b.pages, 0);
  const finished = trend.reduce((n, b) => n + b.finished, 0);
  const any = minutes > 0 || pages > 0 || finished > 0;
  return (
    <ChartCard
      name="learning"
      title={t('home.charts.learning.title', { grain })}
      label={t('home.charts.learning.label', { grain })}
      summary={
        any
          ? t('home.charts.learning.summary', {
              minutes: format.number(minutes),
              pages: format.number(pages),
              finished: format.number(finished),
            })
          : ''
      }
      empty={
        any ? null : { text: t('home.charts.learning.empty'), action: t('home.charts.learning.action'), to: '/library' }
      }
      table={{
        caption: t('home.charts.learning.caption', { grain }),
        columns: [
          { label: t('home.chart.bucket') },
          { label: t('home.charts.learning.minutes'), num: true },
          { label: t('home.charts.learning.pages'), num: true },
          { label: t('home.charts.learning.finished'), num: true },
        ],
        rows: trend.map((b, i) => ({
          key: b.from,
          head: labels[i]!,
          cells: [format.number(b.minutes), format.number(b.pages), format.number(b.finished)],
        })),
      }}
      config={(theme) => {
        const base = axes(theme, (v) => format.number(v));
        return {
          type: 'bar',
          data: {
            labels,
            datasets: [
              {
                type: 'bar',
                label: t('home.charts.learning.minutes'),
                data: trend.map((b) => b.minutes),
                backgroundColor: theme.series,
                borderRadius: 3,
                maxBarThickness: 36,
                yAxisID: 'y',
                order: 2,
              },
              // Pages on their own axis, only when some were read (minutes alone otherwise).
              ...(pages > 0
                ? [
                    {
                      type: 'line',
                      label: t('home.charts.learning.pages'),
                      data: trend.map((b) => b.pages),
                      borderColor: theme.second,
                      backgroundColor: theme.second,
                      borderWidth: 2,
                      pointRadius: 3,
                      yAxisID: 'pages',
                      order: 1,
                    },
                  ]
                : []),
            ],
          } as ChartConfiguration['data'],
          options: {
            animation: false,
            responsive: true,
            maintainAspectRatio: false,
            scales: {
              ...base,
              ...(pages > 0 ? { pages: { ...base.y, position: 'right' as const, grid: { display: false } } } : {}),
            },
            // Minutes alone need no key.
            plugins: { legend: { ...legend(theme), display: pages > 0 } },
          },
        };
      }}
    />
  );
}
