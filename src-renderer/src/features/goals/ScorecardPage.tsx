import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import {
  RECURRENCES,
  SCORE_CATEGORIES,
  type Recurrence,
} from '../../../../src-main/features/goals/contract/definition';
import type { Scorecard } from '../../../../src-main/features/goals/contract/api';
import { useQuery } from '../../api/useQuery';
import { useToday } from '../../hooks/useToday';
import { EmptyState } from '../../ui/EmptyState';
import { DataTable } from '../../ui/DataTable';
import { Segmented } from '../../ui/Field';
import { QueryView } from '../../ui/QueryView';
import { useViewState } from '../../ui/viewState';
import { GOAL_SOURCES, GoalsArea } from './GoalsArea';
import { ScorecardChart } from './ScorecardChart';
import { useGoalFormat } from './useGoalFormat';

/**
 * The weighted score per period over time: volume, quality and loyalty, each the weighted
 * progress of its goals, and the three together by the sides' weights
 * (src-main/features/goals/scorecard.ts).
 */
export function ScorecardPage(): ReactElement {
  const { t } = useTranslation();
  const today = useToday();
  const [every, setEvery] = useViewState<Recurrence>('goals.scorecard', 'monthly');
  const card = useQuery('goals.scorecard', { every, asOf: today }, GOAL_SOURCES);

  return (
    <GoalsArea subtitle={t('goals.scorecard.subtitle')}>
      <div className="filters-row">
        <Segmented
          label={t('goals.scorecard.every')}
          value={every}
          onChange={(option) => setEvery(() => option)}
          options={RECURRENCES.map((option) => ({ value: option, label: t(`goals.scorecard.periods.${option}`) }))}
        />
      </div>
      <QueryView query={card} failedTitle={t('goals.scorecard.loadFailed')}>
        {(data) =>
          data.periods.length === 0 ? (
            <EmptyState icon="target" title={t('goals.scorecard.emptyTitle')} text={t('goals.scorecard.emptyText')} />
          ) : (
            <ScorecardView card={data} asOf={today} busy={card.loading} />
          )
        }
      </QueryView>
    </GoalsArea>
  );
}

function ScorecardView({ card, asOf, busy }: { card: Scorecard; asOf: string; busy: boolean }): ReactElement {
  const { t } = useTranslation();
  const format = useGoalFormat();
  const total = card.weights.volume + card.weights.quality + card.weights.loyalty;
  const score = (value: number | null): string => (value === null ? '–' : format.number(value, 0));
  return (
    <>
      <section className="card goal-chart-card" aria-labelledby="scorecard-chart">
        <h2 id="scorecard-chart">{t('goals.scorecard.title')}</h2>
        <p className="muted">
          {t('goals.scorecard.weights', {
            volume: format.percent(card.weights.volume / total),
            quality: format.percent(card.weights.quality / total),
            loyalty: format.percent(card.weights.loyalty / total),
          })}
        </p>
        <ScorecardChart card={card} asOf={asOf} />
      </section>
      <DataTable
        className="goal-table table-scorecard"
        caption={t('goals.scorecard.tableCaption')}
        busy={busy}
        columns={[
          { label: t('goals.scorecard.period') },
          { label: t('goals.scorecard.score'), num: true },
          ...SCORE_CATEGORIES.map((category) => ({ label: t(`goals.categories.${category}`), num: true })),
          { label: t('goals.scorecard.achieved'), num: true },
          { label: t('goals.scorecard.missed'), num: true },
          { label: t('goals.scorecard.open'), num: true },
        ]}
      >
        {[...card.periods].reverse().map((p) => (
          <tr key={p.from}>
            <th scope="row">{format.period(p.from, p.to, card.every)}</th>
            <td className="num strong">{score(p.score)}</td>
            {SCORE_CATEGORIES.map((category) => (
              <td
                key={category}
                className="num"
                title={p.goals
                  .filter((g) => g.category === category)
                  .map((g) => g.title)
                  .join(', ')}
              >
                {score(p.sides[category].score)}
              </td>
            ))}
            <td className="num">{format.number(p.achieved)}</td>
            <td className="num">{format.number(p.missed)}</td>
            <td className="num">{format.number(p.open)}</td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}
