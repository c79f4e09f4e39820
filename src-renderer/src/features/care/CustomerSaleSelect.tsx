import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '../../api/useQuery';
import { useFormat } from '../../i18n/format';
import { SelectField } from '../../ui/Field';

const MAX_SALES = 100;

/** An optional link to one of the customer's sales, newest first. */
export function CustomerSaleSelect({
  customerId,
  value,
  onChange,
  error,
}: {
  customerId: number;
  value: string;
  onChange: (saleId: string) => void;
  error?: string;
}): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  const sales = useQuery('sales.list', { customerId, sort: 'date', dir: 'desc', limit: MAX_SALES }, [
    'sales',
    'customers',
  ]);
  return (
    <SelectField
      label={t('care.saleLink')}
      optional={t('common.optional')}
      error={error}
      value={value}
      onChange={onChange}
      options={[
        { value: '', label: t('care.noSale') },
        ...(sales.data?.items ?? []).map((sale) => ({
          value: String(sale.id),
          label: t('care.saleOption', { title: sale.title, date: format.date(sale.closedOn ?? sale.openedOn) }),
        })),
      ]}
    />
  );
}
