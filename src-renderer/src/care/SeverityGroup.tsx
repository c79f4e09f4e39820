import { useId, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { SEVERITIES, type Severity } from '../../../src-main/shared/care';

/** Low, medium or high, as a radio group drawn segmented (three short words fit side by side). */
export function SeverityGroup({
  value,
  onChange,
}: {
  value: Severity;
  onChange: (severity: Severity) => void;
}): ReactElement {
  const { t } = useTranslation();
  const name = useId();
  return (
    <fieldset className="field fieldset">
      <legend className="field-label">{t('care.complaint.severity')}</legend>
      <div className="segmented">
        {SEVERITIES.map((severity) => (
          <label key={severity} className="segment">
            <input
              type="radio"
              name={name}
              value={severity}
              checked={value === severity}
              onChange={() => onChange(severity)}
            />
            <span>{t(`care.severities.${severity}`)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
