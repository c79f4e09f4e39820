import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { SEVERITIES, type Severity } from '../../../../src-main/features/care/contract';
import { SegmentedField } from '../../ui/Field';

/** Low, medium or high, as a radio group drawn segmented (three short words fit side by side). */
export function SeverityGroup({
  value,
  onChange,
}: {
  value: Severity;
  onChange: (severity: Severity) => void;
}): ReactElement {
  const { t } = useTranslation();
  return (
    <SegmentedField
      legend={t('care.complaint.severity')}
      value={value}
      onChange={onChange}
      options={SEVERITIES.map((severity) => ({ value: severity, label: t(`care.severities.${severity}`) }))}
    />
  );
}
