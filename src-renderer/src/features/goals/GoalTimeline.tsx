import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  TIMELINE_ZOOMS,
  type GoalTimeline as Timeline,
  type TimelineZoom,
} from '../../../../src-main/features/goals/contract/api';
import { Segmented } from '../../ui/Field';
import { Icon } from '../../ui/icons';
import { STATUS_TONES } from './goalModel';
import { useGoalFormat } from './useGoalFormat';

type Bar = Timeline['bars'][number];

/** One row per goal, in the order the timeline gives its first bar: a recurring goal's periods share it. */
export function timelineRows(bars: readonly Bar[]): { id: number; title: string; bars: Bar[] }[] {
  const rows = new Map<number, { id: number; title: string; bars: Bar[] }>();
  for (const bar of bars) {
    const row = rows.get(bar.id) ?? { id: bar.id, title: bar.title, bars: [] };
    row.bars.push(bar);
    rows.set(bar.id, row);
  }
  return [...rows.values()];
}

const pct = (share: number): string => `${share * 100}%`;

/**
 * All goals on one time axis: a bar from each period's start to its end, filled as far as
 * the goal has got, with its milestones and a line for today; below them the learning plan,
 * each library item on the day it is to be finished by (planned, done or overdue), linking
 * to the item, whose page sets that day. Zoom by month, quarter or year; step to the window
 * before or after. Positions come from the backend (chart.ts).
 */
export function GoalTimeline({
  timeline,
  busy,
  onZoom,
  onMove,
}: {
  timeline: Timeline;
  busy: boolean;
  onZoom: (zoom: TimelineZoom) => void;
  /** A day in the window to show; null goes back to today's. */
  onMove: (anchor: string | null) => void;
}): ReactElement {
  const { t } = useTranslation();
  const format = useGoalFormat();
  const { window, zoom } = timeline;
  const every = ({ month: 'monthly', quarter: 'quarterly', year: 'yearly' } as const)[zoom];
  const windowLabel = format.period(window.from, window.to, every);
  const tickLabel = new Intl.DateTimeFormat(format.locale, {
    ...(zoom === 'month' ? { day: 'numeric' } : {}),
    month: 'short',
    timeZone: 'UTC',
  });
  const rows = timelineRows(timeline.bars);

  return (
    <section className="card goal-timeline" aria-labelledby="goal-timeline-title" aria-busy={busy}>
      <header className="goal-timeline-header">
        <h2 id="goal-timeline-title">
          {t('goals.timeline.title')}
          <span className="goal-timeline-window">{windowLabel}</span>
        </h2>
        <div className="goal-timeline-controls">
          <div className="page-buttons">
            <button
              type="button"
              className="btn btn-icon"
              aria-label={t(`goals.timeline.previous.${zoom}`)}
              onClick={() => onMove(timeline.previous)}
            >
              <Icon name="chevronLeft" />
            </button>
            <button type="button" className="btn btn-compact" onClick={() => onMove(null)}>
              {t('goals.timeline.today')}
            </button>
            <button
              type="button"
              className="btn btn-icon"
              aria-label={t(`goals.timeline.next.${zoom}`)}
              onClick={() => onMove(timeline.next)}
            >
              <Icon name="chevronRight" />
            </button>
          </div>
          <Segmented
            label={t('goals.timeline.zoom')}
            value={zoom}
            onChange={onZoom}
            options={TIMELINE_ZOOMS.map((option) => ({ value: option, label: t(`goals.timeline.zooms.${option}`) }))}
          />
        </div>
      </header>

      {rows.length === 0 && timeline.plan.length === 0 ? (
        <p className="muted section-empty">{t('goals.timeline.empty')}</p>
      ) : (
        <div className="timeline">
          <div className="timeline-row timeline-axis" aria-hidden="true">
            <span />
            <div className="timeline-track">
              {timeline.ticks.map((tick) => (
                <span key={tick.date} className="timeline-tick" style={{ left: pct(tick.at) }}>
                  {tickLabel.format(new Date(`${tick.date}T00:00:00Z`))}
                </span>
              ))}
            </div>
          </div>
          <ul className="timeline-rows" aria-label={t('goals.timeline.rows', { window: windowLabel })}>
            {rows.map((row) => (
              <li key={row.id} className="timeline-row">
                <Link to={`/goals/${row.id}`} className="timeline-label" title={row.title}>
                  {row.title}
                </Link>
                <div className="timeline-track">
                  {timeline.ticks.map((tick) => (
                    <span key={tick.date} className="timeline-gridline" style={{ left: pct(tick.at) }} />
                  ))}
                  {row.bars.map((bar) => (
                    <Link
                      key={bar.from}
                      to={`/goals/${bar.id}`}
                      tabIndex={-1}
                      className={`timeline-bar tone-${STATUS_TONES[bar.status]}${bar.continuesBefore ? ' continues-before' : ''}${bar.continuesAfter ? ' continues-after' : ''}`}
                      style={{ left: pct(bar.start), width: pct(bar.end - bar.start) }}
                      title={t('goals.timeline.bar', {
                        title: bar.title,
                        range: format.range(bar.from, bar.to),
                        status: t(`goals.status.${bar.status}`),
                        percent: format.percent(bar.progress),
                      })}
                    >
                      <span className="timeline-fill" style={{ width: pct(Math.max(0, Math.min(1, bar.progress))) }} />
                      <span className="visually-hidden">
                        {t('goals.timeline.bar', {
                          title: bar.title,
                          range: format.range(bar.from, bar.to),
                          status: t(`goals.status.${bar.status}`),
                          percent: format.percent(bar.progress),
                        })}
                      </span>
                    </Link>
                  ))}
                  {row.bars.flatMap((bar) =>
                    bar.milestones.map((m) => (
                      <span
                        key={`${bar.from}-${m.date}-${m.title}`}
                        className={`timeline-milestone${m.reached ? ' reached' : ''}`}
                        style={{ left: pct(m.at) }}
                        role="img"
                        aria-label={t(m.reached ? 'goals.timeline.milestoneReached' : 'goals.timeline.milestone', {
                          title: m.title,
                          date: format.date(m.date),
                        })}
                        title={`${m.title} · ${format.date(m.date)}`}
                      />
                    )),
                  )}
                </div>
              </li>
            ))}
          </ul>
          {timeline.plan.length > 0 && (
            <div className="timeline-row timeline-plan">
              <span className="timeline-label" id="timeline-plan-label">
                {t('goals.timeline.plan.title')}
              </span>
              <ul className="timeline-track timeline-plan-track" aria-labelledby="timeline-plan-label">
                {timeline.ticks.map((tick) => (
                  <li key={tick.date} className="timeline-gridline" style={{ left: pct(tick.at) }} aria-hidden="true" />
                ))}
                {timeline.plan.map((item) => {
                  const words = t(`goals.timeline.plan.${item.state}`, {
                    title: item.title,
                    date: format.date(item.plannedOn),
                  });
                  return (
                    <li key={item.itemId} className="timeline-plan-entry" style={{ left: pct(item.at) }}>
                      <Link
                        to={`/library/${item.itemId}`}
                        className={`timeline-plan-item plan-${item.state}`}
                        aria-label={words}
                        title={words}
                      >
                        {item.state === 'done' && <Icon name="check" size={10} />}
                        {item.state === 'overdue' && <span aria-hidden="true">!</span>}
                      </Link>
                    </li>
                  );
                })}
              </ul>
            </div>
          )}
          {timeline.today !== null && (
            <div className="timeline-today-layer" aria-hidden="true">
              <span className="timeline-today" style={{ left: pct(timeline.today) }}>
                <span className="timeline-today-label">{t('goals.timeline.todayLine')}</span>
              </span>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
