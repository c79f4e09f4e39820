import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { GoalStatus } from '../../../../src-main/features/goals/contract/definition';
import type { DataEntity } from '../../api/client';
import { AreaPage, type AreaViewProps } from '../../ui/AreaPage';
import { STATUS_TONES, THRESHOLD_PERCENTS } from './goalModel';

/** What a goal's numbers are made of (the library: learning metrics, the plan): asked again when any of these changes. */
export const GOAL_SOURCES: readonly DataEntity[] = ['goals', 'sales', 'customers', 'care', 'settings', 'library'];

const TABS = [
  { to: '/goals', key: 'goals', end: true },
  { to: '/goals/scorecard', key: 'scorecard', end: false },
] as const;

/** The Goals area's frame: title, the view's own actions, and its two views as links. */
export function GoalsArea(props: AreaViewProps): ReactElement {
  return <AreaPage area="goals" tabs={TABS} {...props} />;
}

export function GoalStatusBadge({ status }: { status: GoalStatus }): ReactElement {
  const { t } = useTranslation();
  return <span className={`badge goal-status tone-${STATUS_TONES[status]}`}>{t(`goals.status.${status}`)}</span>;
}

/** The status rules, said where statuses are shown (shared/goals.ts STATUS_THRESHOLDS). */
export function StatusThresholds(): ReactElement {
  const { t } = useTranslation();
  return <p className="goal-thresholds">{t('goals.thresholds', { ...THRESHOLD_PERCENTS })}</p>;
}

/** A bar for a share 0–1; the number is said next to it in words. */
export function ProgressBar({ value, tone }: { value: number; tone?: string }): ReactElement {
  return (
    <span className={`goal-progress${tone ? ` tone-${tone}` : ''}`} aria-hidden="true">
      <span className="goal-progress-fill" style={{ width: `${Math.max(0, Math.min(1, value)) * 100}%` }} />
    </span>
  );
}
