import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import {
  COMPLAINT_CATEGORIES,
  SEVERITIES,
  type ComplaintCategory,
  type Severity,
} from '../../../../src-main/features/care/contract';
import { SegmentedField, SelectField } from '../../ui/Field';

/**
 * What a complaint is about (product, delivery, billing…) and how serious it is, side by side:
 * the severity as a radio group drawn segmented (three short words fit in the row).
 */
export function ComplaintKindFields({
  category,
  onCategory,
  categoryError,
  severity,
  onSeverity,
}: {
  category: ComplaintCategory;
  onCategory: (category: ComplaintCategory) => void;
  categoryError: string | undefined;
  severity: Severity;
  onSeverity: (severity: Severity) => void;
}): ReactElement {
  const { t } = useTranslation();
  return (
    <div className="form-row">
      <SelectField
        label={t('care.complaint.category')}
        error={categoryError}
        value={category}
        onChange={onCategory}
        options={COMPLAINT_CATEGORIES.map((value) => ({ value, label: t(`care.categories.${value}`) }))}
      />
      <SegmentedField
        legend={t('care.complaint.severity')}
        value={severity}
        onChange={onSeverity}
        options={SEVERITIES.map((value) => ({ value, label: t(`care.severities.${value}`) }))}
      />
    </div>
  );
}
