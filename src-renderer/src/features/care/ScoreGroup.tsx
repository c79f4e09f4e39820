import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { SegmentedField } from '../../ui/Field';

export interface ScoreGroupProps {
  legend: string;
  hint?: string;
  scores: readonly number[];
  value: number | null;
  onChange: (value: number | null) => void;
  error?: string;
}

/** A score to pick, optional. "Not asked" comes first: most check-ins carry no rating. */
export function ScoreGroup({ scores, ...group }: ScoreGroupProps): ReactElement {
  const { t } = useTranslation();
  return (
    <SegmentedField
      {...group}
      optional={t('common.optional')}
      className="score-group"
      options={[{ value: null, label: t('care.notAsked') }, ...scores.map((score) => ({ value: score, label: score }))]}
    />
  );
}
