import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Sale } from '../../../../src-main/features/sales/contract';
import { useFormat } from '../../i18n/format';
import { RowsTable } from '../../ui/RowsTable';
import { SortHeader, type SortDir } from '../../ui/SortHeader';
import { TextCell } from '../../ui/TextCell';
import type { SaleSort } from './salesView';
import { StatusBadge } from './StatusBadge';
import { TableWrap } from '../../ui/TableWrap';

export interface SalesTableProps {
  sales: readonly Sale[];
  /** Column headers sort only when given; a customer's short history needs no sorting. */
  sorting?: { sort: SaleSort; dir: SortDir; onSort: (column: SaleSort) => void };
  busy?: boolean;
  onOpen: (sale: Sale) => void;
  /** Hide the customer or status column where every row has the same one. */
  showCustomer?: boolean;
  showStatus?: boolean;
  label: string;
}

/** The day a deal belongs to: when it closed, or for open deals when it was opened. */
export const saleDate = (sale: Sale): string => sale.closedOn ?? sale.openedOn;

export function SalesTable({
  sales,
  sorting,
  busy,
  onOpen,
  showCustomer = true,
  showStatus = true,
  label,
}: SalesTableProps): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  const header = (column: SaleSort, align?: 'end'): ReactElement => {
    const text = t(`sales.columns.${column}`);
    if (sorting) return <SortHeader column={column} label={text} align={align} {...sorting} />;
    return (
      <th scope="col" className={align === 'end' ? 'num' : undefined}>
        {text}
      </th>
    );
  };
  return (
    <TableWrap>
      <RowsTable
        className={`table table-interactive${showCustomer ? ' table-sales' : ''}`}
        aria-busy={busy}
        aria-label={label}
        head={
          <>
            {header('date')}
            {header('title')}
            {showCustomer && header('customer')}
            <th scope="col" className="col-p3">
              {t('sales.columns.product')}
            </th>
            {header('amount', 'end')}
            {showStatus && header('status')}
            <th scope="col" className="num col-p2">
              {t('sales.columns.satisfaction')}
            </th>
          </>
        }
      >
        {sales.map((sale) => (
          <tr
            key={sale.id}
            tabIndex={0}
            onClick={() => onOpen(sale)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' || event.key === ' ') {
                event.preventDefault();
                onOpen(sale);
              }
            }}
          >
            <td className="col-fit muted">{format.date(saleDate(sale))}</td>
            <TextCell text={sale.title} className="strong col-wide" />
            {showCustomer && <TextCell text={sale.customerName} />}
            <TextCell text={sale.productName} className="muted col-p3" />
            <td className="col-fit num">{format.money(sale.amountMinor, sale.currency)}</td>
            {showStatus && (
              <td className="col-fit">
                <StatusBadge status={sale.status} stage={sale.stage} />
              </td>
            )}
            <td className="col-fit num muted col-p2">
              {sale.satisfaction === null ? '—' : t('sales.satisfactionValue', { value: sale.satisfaction })}
            </td>
          </tr>
        ))}
      </RowsTable>
    </TableWrap>
  );
}
