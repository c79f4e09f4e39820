import { createContext, useCallback, useContext, useMemo, useState, type ReactElement, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import type { Customer } from '../../../src-main/features/customers/contract';
import type { Sale } from '../../../src-main/features/sales/contract';
import type { CustomerRef } from '../features/customers/CustomerPicker';
import { lazyNamed } from './lazyNamed';
import { DialogSuspense } from './PageLoading';

const CustomerForm = lazyNamed(() => import('../features/customers/CustomerForm'), 'CustomerForm');
const SaleForm = lazyNamed(() => import('../features/sales/SaleForm'), 'SaleForm');

type Editor =
  { kind: 'sale'; sale: Sale | null; customer: CustomerRef | null } | { kind: 'customer'; customer: Customer | null };

export interface Editors {
  /** Opens the sale form: editing `sale`, or a new one (optionally for `customer`). */
  openSale: (sale?: Sale | null, customer?: CustomerRef | null) => void;
  openCustomer: (customer?: Customer | null) => void;
}

const EditorsContext = createContext<Editors | null>(null);

/** The app-wide sale and customer forms, so a shortcut or menu can open them from any screen. */
export function EditorsProvider({ children }: { children: ReactNode }): ReactElement {
  const navigate = useNavigate();
  const [editor, setEditor] = useState<Editor | null>(null);
  const close = useCallback(() => setEditor(null), []);

  const editors = useMemo<Editors>(
    () => ({
      openSale: (sale = null, customer = null) => setEditor({ kind: 'sale', sale, customer }),
      openCustomer: (customer = null) => setEditor({ kind: 'customer', customer }),
    }),
    [],
  );

  return (
    <EditorsContext.Provider value={editors}>
      {children}
      <DialogSuspense>
        {editor?.kind === 'sale' && <SaleForm sale={editor.sale} initialCustomer={editor.customer} onClose={close} />}
        {editor?.kind === 'customer' && (
          <CustomerForm
            customer={editor.customer}
            onClose={close}
            onCreated={(created) => navigate(`/customers/${created.id}`)}
          />
        )}
      </DialogSuspense>
    </EditorsContext.Provider>
  );
}

export function useEditors(): Editors {
  const editors = useContext(EditorsContext);
  if (!editors) throw new Error('useEditors must be used inside <EditorsProvider>');
  return editors;
}
