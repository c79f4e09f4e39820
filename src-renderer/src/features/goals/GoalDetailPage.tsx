import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { GoalDetail, GoalMilestone } from '../../../../src-main/features/goals/contract/api';
import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/useQuery';
import { useToday } from '../../hooks/useToday';
import { Icon } from '../../ui/icons';
import { DataTable } from '../../ui/DataTable';
import { Facts } from '../../ui/Facts';
import { useNotify } from '../../ui/Notifications';
import { RecordPage } from '../../ui/RecordPage';
import { tableRows } from './chartData';
import { GoalChart } from './GoalChart';
import { GoalDialog } from './GoalDialog';
import { GOAL_SOURCES, GoalStatusBadge, ProgressBar, StatusThresholds } from './GoalsArea';
import { STATUS_TONES } from './goalModel';
import { forecastSentences } from './goalText';
import { GoalValues } from './GoalValues';
import { useGoalFormat, type Measure } from './useGoalFormat';

/** One goal: where it stands, the forecast in words, the chart and its table, milestones, history. */
export function GoalDetailPage(): ReactElement {
  const { t } = useTranslation();
  const params = useParams();
  const id = Number(params.id);
  const today = useToday();
  const valid = Number.isInteger(id) && id > 0;
  // A hook cannot be skipped: a link with no valid id asks for goal 1 and shows "not found" whatever comes back.
  const detail = useQuery('goals.get', { id: valid ? id : 1, asOf: today }, GOAL_SOURCES);

  return (
    <RecordPage
      query={detail}
      valid={valid}
      notFound={{
        icon: 'target',
        title: t('goals.detail.notFoundTitle'),
        text: t('goals.detail.notFoundText'),
        back: '/goals',
        backLabel: t('goals.detail.back'),
      }}
      failedTitle={t('goals.detail.loadFailed')}
    >
      {(data) => <GoalDetailView detail={data} />}
    </RecordPage>
  );
}

function GoalDetailView({ detail }: { detail: GoalDetail }): ReactElement {
  const { t } = useTranslation();
  const api = useApi();
  const notify = useNotify();
  const format = useGoalFormat();
  const [editing, setEditing] = useState(false);
  const { goal, pace, period, phase } = detail;
  const measure: Measure = { unit: goal.unit, currency: goal.currency };

  const archive = async (archived: boolean): Promise<void> => {
    try {
      await api.call('goals.archive', { id: goal.id, archived });
      notify.success(archived ? 'goals.detail.archivedDone' : 'goals.detail.unarchivedDone');
    } catch (error) {
      notify.error('goals.detail.archiveFailed', error);
    }
  };

  const what =
    goal.period.kind === 'recurring'
      ? t('goals.detail.recurringLine', {
          direction: t(`goals.directions.${goal.direction}`).toLowerCase(),
          target: format.value(goal.target, measure),
          every: t(`goals.every.${goal.period.every}`).toLowerCase(),
          period: format.period(period.from, period.to, goal.period.every),
        })
      : t('goals.detail.fixedLine', {
          direction: t(`goals.directions.${goal.direction}`).toLowerCase(),
          target: format.value(goal.target, measure),
          range: format.range(period.from, period.to),
        });

  return (
    <div className="page goal-detail">
      <nav className="breadcrumb" aria-label={t('goals.detail.breadcrumb')}>
        <Link to="/goals">{t('nav.goals')}</Link>
        <Icon name="chevronRight" size={14} />
        <span aria-current="page">{goal.title}</span>
      </nav>
      <header className="page-header">
        <div>
          <h1>
            {goal.title}
            {phase === 'upcoming' ? (
              <span className="badge badge-muted">{t('goals.upcoming')}</span>
            ) : (
              <GoalStatusBadge status={pace.status} />
            )}
          </h1>
          <p className="page-subtitle">
            {goal.metric === 'custom' && goal.customName ? goal.customName : t(`goals.metrics.${goal.metric}`)}
            {' · '}
            {what}
          </p>
          {(goal.metric === 'nps' || goal.metric === 'avg_satisfaction') && (
            <p className="field-hint">{t('goals.ratingsCounted')}</p>
          )}
        </div>
        <div className="header-actions">
          <button type="button" className="btn" onClick={() => setEditing(true)}>
            <Icon name="note" />
            {t('common.edit')}
          </button>
          <button type="button" className="btn" onClick={() => void archive(!goal.archived)}>
            <Icon name="archive" />
            {goal.archived ? t('goals.detail.unarchive') : t('goals.detail.archive')}
          </button>
        </div>
      </header>
      {goal.archived && (
        <p className="notice notice-warning">
          <Icon name="archive" />
          {t('goals.detail.archivedNotice')}
        </p>
      )}

      <PaceFacts detail={detail} />
      <StatusThresholds />

      <section className="card goal-forecast" aria-labelledby="goal-forecast">
        <h2 id="goal-forecast">{t('goals.forecast.title')}</h2>
        {forecastSentences(detail, format).map((sentence) => (
          <p key={sentence.key}>{t(sentence.key, sentence.values)}</p>
        ))}
      </section>

      <section className="card goal-chart-card" aria-labelledby="goal-chart">
        <h2 id="goal-chart">{t('goals.chart.title')}</h2>
        <GoalChart goal={goal} chart={detail.chart} />
        <ChartTable detail={detail} />
      </section>

      <Milestones detail={detail} />
      {goal.period.kind === 'recurring' && <History detail={detail} />}
      {goal.metric === 'custom' && <GoalValues goal={goal} />}
      <Changes detail={detail} />

      {editing && <GoalDialog goal={{ goal, milestones: detail.milestones }} onClose={() => setEditing(false)} />}
    </div>
  );
}

/** Expected by today, actual, the difference, what each remaining day needs, and the buffer. */
function PaceFacts({ detail }: { detail: GoalDetail }): ReactElement {
  const { t } = useTranslation();
  const format = useGoalFormat();
  const { goal, pace, phase } = detail;
  const measure: Measure = { unit: goal.unit, currency: goal.currency };
  const signed = (value: number): string => `${value > 0 ? '+' : ''}${format.value(value, measure)}`;
  const facts: { key: string; label: string; value: string; sub?: string }[] = [
    {
      key: 'actual',
      label: t('goals.facts.actual'),
      value: format.maybe(pace.actual, measure),
      sub: t('goals.facts.ofTarget', {
        percent: format.percent(pace.progress),
        target: format.value(pace.target, measure),
      }),
    },
    { key: 'expected', label: t('goals.facts.expected'), value: format.value(pace.expected, measure) },
    {
      key: 'difference',
      label: t('goals.facts.difference'),
      value: pace.difference === null ? '–' : signed(pace.difference),
      sub:
        pace.gap === null
          ? undefined
          : t(pace.gap >= 0 ? 'goals.facts.better' : 'goals.facts.worse', {
              percent: format.percent(Math.abs(pace.gap), 1),
            }),
    },
    {
      key: 'required',
      label: t(goal.direction === 'at_least' ? 'goals.facts.requiredPerDay' : 'goals.facts.allowedPerDay'),
      value: pace.requiredPerDay === null ? '–' : format.value(pace.requiredPerDay, measure),
      sub:
        pace.requiredPerWeek === null
          ? pace.requiredPerDay === null && !pace.final
            ? t('goals.facts.levelHint')
            : undefined
          : t('goals.facts.perWeek', { value: format.value(pace.requiredPerWeek, measure) }),
    },
    {
      key: 'buffer',
      label: t('goals.facts.buffer'),
      value: pace.bufferDays === null ? '–' : format.number(pace.bufferDays),
      sub: t('goals.facts.workingDaysLeft', {
        count: pace.workingDays.remaining,
        days: format.number(pace.workingDays.remaining),
      }),
    },
  ];
  return (
    <section className="goal-pace" aria-label={t('goals.facts.label')}>
      {phase === 'upcoming' && (
        <p className="notice notice-info">
          <Icon name="calendar" />
          {t('goals.facts.upcoming', { date: format.date(detail.period.from) })}
        </p>
      )}
      <div className="goal-pace-progress">
        <ProgressBar value={pace.progress} tone={STATUS_TONES[pace.status]} />
      </div>
      <dl className="kpis goal-kpis">
        {facts.map((fact) => (
          <div key={fact.key} className="kpi">
            <dt className="kpi-label">{fact.label}</dt>
            <dd className="kpi-value">{fact.value}</dd>
            {fact.sub && <dd className="kpi-sub">{fact.sub}</dd>}
          </div>
        ))}
      </dl>
    </section>
  );
}

/** The chart's accessible alternative: the weekly rows chart.ts makes for it. */
function ChartTable({ detail }: { detail: GoalDetail }): ReactElement {
  const { t } = useTranslation();
  const format = useGoalFormat();
  const measure: Measure = { unit: detail.goal.unit, currency: detail.goal.currency };
  return (
    <DataTable
      className="goal-table"
      wrapClassName="goal-chart-table"
      caption={t('goals.chart.tableCaption')}
      columns={[
        { label: t('goals.chart.weekEnding') },
        { label: t('goals.chart.actual'), num: true },
        { label: t('goals.chart.pace'), num: true },
        { label: t('goals.chart.low'), num: true },
        { label: t('goals.chart.high'), num: true },
      ]}
    >
      {tableRows(detail.chartTable, detail.chart).map((row) => (
        <tr key={row.date} className={row.today ? 'goal-table-today' : undefined}>
          <th scope="row">
            {row.today ? t('goals.chart.todayRow', { date: format.date(row.date) }) : format.date(row.date)}
          </th>
          <td className="num">{format.maybe(row.actual, measure)}</td>
          <td className="num">{format.maybe(row.expected, measure)}</td>
          <td className="num">{format.maybe(row.low, measure)}</td>
          <td className="num">{format.maybe(row.high, measure)}</td>
        </tr>
      ))}
    </DataTable>
  );
}

function Milestones({ detail }: { detail: GoalDetail }): ReactElement {
  const { t } = useTranslation();
  const api = useApi();
  const notify = useNotify();
  const format = useGoalFormat();
  const measure: Measure = { unit: detail.goal.unit, currency: detail.goal.currency };
  // A tick shows at once, until the goal comes back reloaded (new milestones) with it recorded.
  const [ticked, setTicked] = useState<{ for: readonly GoalMilestone[]; done: Record<number, boolean> }>({
    for: detail.milestones,
    done: {},
  });
  const pending = ticked.for === detail.milestones ? ticked.done : {};

  const tick = async (milestone: GoalMilestone, done: boolean): Promise<void> => {
    setTicked({ for: detail.milestones, done: { ...pending, [milestone.id]: done } });
    try {
      await api.call('goals.milestones.tick', { id: milestone.id, done });
    } catch (error) {
      setTicked((current) => ({
        ...current,
        done: Object.fromEntries(Object.entries(current.done).filter(([id]) => Number(id) !== milestone.id)),
      }));
      notify.error('goals.milestones.tickFailed', error);
    }
  };

  const state = (m: GoalMilestone): string =>
    m.reached && m.reachedOn
      ? t('goals.milestones.reachedOn', { date: format.date(m.reachedOn) })
      : m.overdue
        ? t('goals.milestones.overdue', { date: format.date(m.date) })
        : t('goals.milestones.due', { date: format.date(m.date) });

  return (
    <section className="section" aria-labelledby="goal-milestones">
      <h2 id="goal-milestones">{t('goals.milestones.title')}</h2>
      {detail.milestones.length === 0 ? (
        <p className="muted section-empty">{t('goals.milestones.none')}</p>
      ) : (
        <ul className="goal-milestones">
          {detail.milestones.map((m) => {
            const what =
              m.kind === 'target' && m.target !== null
                ? t('goals.milestones.targetBy', { target: format.value(m.target, measure) })
                : t('goals.milestones.step');
            return (
              <li key={m.id} className={`goal-milestone${m.reached ? ' reached' : ''}${m.overdue ? ' overdue' : ''}`}>
                {m.auto ? (
                  <span className="goal-milestone-mark" aria-hidden="true">
                    <Icon name={m.reached ? 'check' : 'target'} size={14} />
                  </span>
                ) : (
                  <input
                    type="checkbox"
                    className="goal-milestone-check"
                    checked={pending[m.id] ?? m.reached}
                    disabled={pending[m.id] !== undefined}
                    aria-describedby={`milestone-${m.id}-state`}
                    aria-label={t('goals.milestones.tick', { title: m.title })}
                    onChange={(e) => void tick(m, e.target.checked)}
                  />
                )}
                <div className="goal-milestone-text">
                  <p className="goal-milestone-title">{m.title}</p>
                  <p className="goal-milestone-state" id={`milestone-${m.id}-state`}>
                    {what} · {state(m)}
                    {m.auto && !m.reached && ` · ${t('goals.milestones.auto')}`}
                  </p>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** A recurring goal's closed periods, as recorded when each closed, and its streaks. */
function History({ detail }: { detail: GoalDetail }): ReactElement | null {
  const { t } = useTranslation();
  const format = useGoalFormat();
  const { goal, history } = detail;
  if (goal.period.kind !== 'recurring') return null;
  const every = goal.period.every;
  const measure: Measure = { unit: goal.unit, currency: goal.currency };
  const { streaks } = history;
  const facts: [string, string][] = [
    [t('goals.history.achieved'), format.number(streaks.achieved)],
    [t('goals.history.missed'), format.number(streaks.missed)],
    [
      t('goals.history.current'),
      streaks.currentMissed > 0
        ? t('goals.history.missedInRow', { count: streaks.currentMissed, n: format.number(streaks.currentMissed) })
        : t('goals.history.achievedInRow', { count: streaks.current, n: format.number(streaks.current) }),
    ],
    [
      t('goals.history.longest'),
      t('goals.history.achievedInRow', { count: streaks.longest, n: format.number(streaks.longest) }),
    ],
  ];
  return (
    <section className="section" aria-labelledby="goal-history">
      <h2 id="goal-history">{t('goals.history.title')}</h2>
      <Facts className="goal-streaks" facts={facts} />
      {history.periods.length === 0 ? (
        <p className="muted section-empty">{t('goals.history.none')}</p>
      ) : (
        <DataTable
          className="goal-table table-goal-history"
          columns={[
            { label: t('goals.history.period') },
            { label: t('goals.history.target'), num: true },
            { label: t('goals.history.result'), num: true },
            { label: t('goals.history.outcome') },
          ]}
        >
          {history.periods.map((p) => (
            <tr key={p.from}>
              <th scope="row">{format.period(p.from, p.to, every)}</th>
              <td className="num">{format.value(p.target, measure)}</td>
              <td className="num">
                {format.maybe(p.atClose.value, measure)}
                {p.changed && (
                  <span className="cell-sub">
                    {t('goals.history.now', { value: format.maybe(p.now.value, measure) })}
                  </span>
                )}
              </td>
              <td>
                <GoalStatusBadge status={p.atClose.outcome} />
                {p.changed && p.now.outcome !== p.atClose.outcome && (
                  <span className="cell-sub">
                    {t('goals.history.nowOutcome', { outcome: t(`goals.status.${p.now.outcome}`) })}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}

/** Every change of target or deadline, as recorded: never silently rewritten. */
function Changes({ detail }: { detail: GoalDetail }): ReactElement {
  const { t } = useTranslation();
  const format = useGoalFormat();
  const measure: Measure = { unit: detail.goal.unit, currency: detail.goal.currency };
  const said = (value: number | string): string =>
    typeof value === 'number' ? format.value(value, measure) : format.date(value);
  return (
    <section className="section" aria-labelledby="goal-changes">
      <h2 id="goal-changes">{t('goals.changes.title')}</h2>
      {detail.changes.length === 0 ? (
        <p className="muted section-empty">{t('goals.changes.none')}</p>
      ) : (
        <ul className="goal-changes">
          {detail.changes.map((c) => (
            <li key={c.id} className="goal-change">
              <span className="goal-change-date">{format.date(c.on)}</span>
              <span>
                {t(`goals.changes.${c.field}`, { from: said(c.from), to: said(c.to) })}
                {c.easing && <span className="badge badge-warning">{t('goals.changes.easing')}</span>}
                {c.note && <span className="goal-change-note">“{c.note}”</span>}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
