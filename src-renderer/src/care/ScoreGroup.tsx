import { useId, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

export interface ScoreGroupProps {
  legend: string;
  hint?: string;
  scores: readonly number[];
  value: number | null;
  onChange: (value: number | null) => void;
  error?: string;
}

/**
 * A score as native radios (arrow keys move between them, the legend names the group),
 * drawn as a segmented control. "Not asked" comes first: most check-ins carry no rating.
 */
export function ScoreGroup({ legend, hint, scores, value, onChange, error }: ScoreGroupProps): ReactElement {
  const { t } = useTranslation();
  const id = useId();
  const described = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <fieldset className={`field fieldset${error ? ' field-invalid' : ''}`} aria-describedby={described}>
      <legend className="field-label">
        {legend}
        <span className="field-optional">{t('common.optional')}</span>
      </legend>
      <div className="segmented score-group">
        <label className="segment">
          <input type="radio" name={id} checked={value === null} onChange={() => onChange(null)} />
          <span>{t('care.notAsked')}</span>
        </label>
        {scores.map((score) => (
          <label key={score} className="segment">
            <input type="radio" name={id} value={score} checked={value === score} onChange={() => onChange(score)} />
            <span>{score}</span>
          </label>
        ))}
      </div>
      {hint && !error && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
