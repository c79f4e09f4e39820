import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  GOAL_METRICS,
  GOAL_STATUSES,
  type GoalMetric,
  type GoalStatus,
} from '../../../../src-main/features/goals/contract/definition';
import {
  GOAL_LIST_STATES,
  type GoalSummary,
  type TimelineZoom,
} from '../../../../src-main/features/goals/contract/api';
import { useQuery } from '../../api/useQuery';
import { useToday } from '../../hooks/useToday';
import { ChipChecks } from '../../ui/ChipChecks';
import { EmptyState } from '../../ui/EmptyState';
import { Select } from '../../ui/Field';
import type { FilterSelectProps } from '../../ui/FilterSelect';
import { DataTable } from '../../ui/DataTable';
import { Icon } from '../../ui/icons';
import { QueryView } from '../../ui/QueryView';
import { useViewState } from '../../ui/viewState';
import { GoalDialog } from './GoalDialog';
import { GOAL_SOURCES, GoalsArea, GoalStatusBadge, ProgressBar, StatusThresholds } from './GoalsArea';
import { GoalTimeline } from './GoalTimeline';
import { STATUS_TONES } from './goalModel';
import { useGoalFormat } from './useGoalFormat';

type Archived = (typeof GOAL_LIST_STATES)[number];

export interface GoalsView {
  statuses: GoalStatus[];
  metric: GoalMetric | '';
  archived: Archived;
  zoom: TimelineZoom;
  /** A day inside the timeline's window; null follows today. */
  anchor: string | null;
}

const INITIAL: GoalsView = { statuses: [], metric: '', archived: 'active', zoom: 'quarter', anchor: null };

/** All goals on one time axis, then each with where it stands: status, progress, buffer, chance. */
export function GoalsPage(): ReactElement {
  const { t } = useTranslation();
  const today = useToday();
  const [view, setView] = useViewState<GoalsView>('goals', INITIAL);
  const [creating, setCreating] = useState(false);
  const filters = {
    status: view.statuses.length > 0 ? view.statuses : undefined,
    metric: view.metric === '' ? undefined : view.metric,
    archived: view.archived,
  };
  const list = useQuery('goals.list', { asOf: today, ...filters }, GOAL_SOURCES);
  const timeline = useQuery(
    'goals.timeline',
    { date: view.anchor ?? today, zoom: view.zoom, ...filters },
    GOAL_SOURCES,
  );
  const filtered = view.statuses.length > 0 || view.metric !== '' || view.archived !== 'active';

  const newGoal = (
    <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
      <Icon name="plus" />
      {t('goals.new')}
    </button>
  );

  const goals = (items: readonly GoalSummary[]): ReactElement => {
    const empty = filtered ? (
      <EmptyState icon="search" title={t('goals.noMatchTitle')} text={t('goals.noMatchText')}>
        <button type="button" className="btn" onClick={() => setView((v) => ({ ...INITIAL, zoom: v.zoom }))}>
          {t('common.clearFilters')}
        </button>
      </EmptyState>
    ) : (
      <EmptyState icon="target" title={t('goals.emptyTitle')} text={t('goals.emptyText')}>
        {newGoal}
      </EmptyState>
    );
    // Without goals the timeline still shows the learning plan, when there is one (and stays
    // once moved away from today's window, so the way back is there).
    const planned = (timeline.data?.plan.length ?? 0) > 0 || view.anchor !== null;
    if (items.length === 0 && !planned) return empty;
    return (
      <>
        <QueryView query={timeline} failedTitle={t('goals.timeline.loadFailed')}>
          {(data) => (
            <GoalTimeline
              timeline={data}
              busy={timeline.loading}
              onZoom={(zoom) => setView((v) => ({ ...v, zoom }))}
              onMove={(anchor) => setView((v) => ({ ...v, anchor }))}
            />
          )}
        </QueryView>
        {items.length === 0 ? empty : <GoalTable goals={items} busy={list.loading} />}
      </>
    );
  };

  return (
    <GoalsArea subtitle={t('goals.subtitle')} actions={newGoal}>
      <div className="filters-row goal-filters">
        <fieldset className="goal-filter-statuses">
          <legend className="visually-hidden">{t('goals.filterStatus')}</legend>
          <ChipChecks
            options={GOAL_STATUSES.map((status) => ({
              value: status,
              label: (
                <>
                  <span className={`goal-dot tone-${STATUS_TONES[status]}`} aria-hidden="true" />
                  {t(`goals.status.${status}`)}
                </>
              ),
            }))}
            selected={view.statuses}
            onChange={(statuses) => setView((v) => ({ ...v, statuses }))}
          />
        </fieldset>
        <GoalFilter
          label={t('goals.filterMetric')}
          value={view.metric}
          onChange={(metric) => setView((v) => ({ ...v, metric }))}
          options={[
            { value: '', label: t('goals.allMetrics') },
            ...GOAL_METRICS.map((metric) => ({ value: metric, label: t(`goals.metrics.${metric}`) })),
          ]}
        />
        <GoalFilter
          label={t('goals.filterArchived')}
          value={view.archived}
          onChange={(archived) => setView((v) => ({ ...v, archived }))}
          options={GOAL_LIST_STATES.map((state) => ({ value: state, label: t(`goals.archivedFilter.${state}`) }))}
        />
      </div>
      <StatusThresholds />
      <QueryView query={list} failedTitle={t('goals.loadFailed')}>
        {(data) => goals(data.items)}
      </QueryView>
      {creating && <GoalDialog goal={null} onClose={() => setCreating(false)} />}
    </GoalsArea>
  );
}

function GoalTable({ goals, busy }: { goals: readonly GoalSummary[]; busy: boolean }): ReactElement {
  const { t } = useTranslation();
  const format = useGoalFormat();
  return (
    <section className="section" aria-labelledby="goals-list">
      <h2 id="goals-list" className="visually-hidden">
        {t('goals.listTitle')}
      </h2>
      <DataTable
        className="goal-table table-goals"
        busy={busy}
        aria-labelledby="goals-list"
        columns={[
          { label: t('goals.columns.goal') },
          { label: t('goals.columns.status') },
          { label: t('goals.columns.progress') },
          { label: t('goals.columns.buffer'), className: 'col-fit col-p3' },
          { label: t('goals.columns.chance'), className: 'col-fit' },
        ]}
      >
        {goals.map((summary) => {
          const { goal, pace, forecast, period, phase } = summary;
          const measure = { unit: goal.unit, currency: goal.currency };
          return (
            <tr key={goal.id}>
              <td>
                <Link to={`/goals/${goal.id}`} className="row-link goal-title">
                  {goal.title}
                </Link>
                <span className="cell-sub">
                  {goal.metric === 'custom' && goal.customName ? goal.customName : t(`goals.metrics.${goal.metric}`)}
                  {' · '}
                  {goal.period.kind === 'recurring'
                    ? `${t(`goals.every.${goal.period.every}`)}, ${format.period(period.from, period.to, goal.period.every)}`
                    : format.range(period.from, period.to)}
                </span>
              </td>
              <td>
                {phase === 'upcoming' ? (
                  <span className="badge badge-muted">{t('goals.upcoming')}</span>
                ) : (
                  <GoalStatusBadge status={pace.status} />
                )}
                {goal.archived && <span className="badge badge-muted">{t('goals.archived')}</span>}
              </td>
              <td className="goal-progress-cell">
                <ProgressBar value={pace.progress} tone={STATUS_TONES[pace.status]} />
                <span className="goal-progress-text">
                  {t('goals.progressOf', {
                    percent: format.percent(pace.progress),
                    actual: format.maybe(pace.actual, measure),
                    target: format.value(pace.target, measure),
                  })}
                </span>
              </td>
              <td className="col-fit num col-p3">
                {pace.bufferDays === null
                  ? '–'
                  : t('goals.bufferDays', { count: pace.bufferDays, days: format.number(pace.bufferDays) })}
              </td>
              <td className="col-fit num">
                {forecast.probability === null || pace.final ? '–' : format.chance(forecast.probability)}
              </td>
            </tr>
          );
        })}
      </DataTable>
    </section>
  );
}

/** A compact goal-list filter: its label is for screen readers, the chosen option says what it filters. */
function GoalFilter<V extends string>({ label, ...select }: FilterSelectProps<V>): ReactElement {
  return (
    <label className="goal-filter">
      <span className="visually-hidden">{label}</span>
      <Select className="select-compact" {...select} />
    </label>
  );
}
