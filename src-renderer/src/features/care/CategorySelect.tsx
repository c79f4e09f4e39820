import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { COMPLAINT_CATEGORIES, type ComplaintCategory } from '../../../../src-main/features/care/contract';
import { SelectField } from '../../ui/Field';

/** What a complaint is about (product, delivery, billing…). */
export function CategorySelect({
  value,
  onChange,
  error,
}: {
  value: ComplaintCategory;
  onChange: (category: ComplaintCategory) => void;
  error?: string;
}): ReactElement {
  const { t } = useTranslation();
  return (
    <SelectField
      label={t('care.complaint.category')}
      error={error}
      value={value}
      onChange={onChange}
      options={COMPLAINT_CATEGORIES.map((category) => ({ value: category, label: t(`care.categories.${category}`) }))}
    />
  );
}
