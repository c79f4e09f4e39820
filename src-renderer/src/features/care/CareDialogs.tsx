import { createContext, useCallback, useContext, useMemo, useState, type ReactElement, type ReactNode } from 'react';
import type { Complaint, FollowUp, InteractionKind } from '../../../../src-main/features/care/contract';
import { useApi } from '../../api/ApiProvider';
import { useNotify } from '../../ui/Notifications';
import { clipped } from './careText';
import type { CustomerRef } from '../customers/CustomerPicker';
import type { CheckInRef } from './CheckInDialog';
import type { ComplaintRef } from './ComplaintDialog';
import { lazyNamed } from '../../shell/lazyNamed';
import { DialogSuspense } from '../../shell/PageLoading';

const CheckInDialog = lazyNamed(() => import('./CheckInDialog'), 'CheckInDialog');
const ComplaintDialog = lazyNamed(() => import('./ComplaintDialog'), 'ComplaintDialog');
const ComplaintForm = lazyNamed(() => import('./ComplaintForm'), 'ComplaintForm');
const InteractionDialog = lazyNamed(() => import('./InteractionDialog'), 'InteractionDialog');
const RescheduleDialog = lazyNamed(() => import('./RescheduleDialog'), 'RescheduleDialog');

type Open =
  | {
      kind: 'interaction';
      customer: CustomerRef;
      followUp: Extract<FollowUp, { kind: 'stay_in_touch' | 'reorder' }> | null;
      interactionKind: InteractionKind;
    }
  | { kind: 'checkIn'; checkIn: CheckInRef }
  | { kind: 'newComplaint'; customer: CustomerRef | null }
  | { kind: 'complaint'; complaint: ComplaintRef; initial: Complaint | null; resolve: boolean }
  | { kind: 'reschedule'; item: FollowUp };

export interface CareDialogs {
  /** "Log a call" (or another kind of contact) with a customer. */
  logInteraction(customer: CustomerRef, kind?: InteractionKind): void;
  /**
   * "Done" on a follow-up: completes a check-in, resolves a complaint, ticks an action item
   * (nothing to ask), logs the contact otherwise.
   */
  markDone(item: FollowUp): void;
  completeCheckIn(checkIn: CheckInRef): void;
  newComplaint(customer?: CustomerRef | null): void;
  openComplaint(complaint: ComplaintRef, initial?: Complaint | null): void;
  reschedule(item: FollowUp): void;
}

const CareDialogsContext = createContext<CareDialogs | null>(null);

export const customerOf = (item: { customerId: number; customerName: string }): CustomerRef => ({
  id: item.customerId,
  name: item.customerName,
});

/** The care dialogs, app-wide, so every place a customer or follow-up appears can open them. */
export function CareDialogsProvider({ children }: { children: ReactNode }): ReactElement {
  const api = useApi();
  const notify = useNotify();
  const [open, setOpen] = useState<Open | null>(null);
  const close = useCallback(() => setOpen(null), []);

  const dialogs = useMemo<CareDialogs>(
    () => ({
      logInteraction: (customer, interactionKind = 'call') =>
        setOpen({ kind: 'interaction', customer, followUp: null, interactionKind }),
      markDone(item) {
        if (item.kind === 'action')
          api.call('care.followups.done', { id: item.id }).then(
            () => notify.success('care.action.done', { text: clipped(item.text) }),
            (error: unknown) => notify.error('care.action.doneFailed', error),
          );
        else if (item.kind === 'check_in')
          setOpen({
            kind: 'checkIn',
            checkIn: {
              id: item.checkInId,
              customerName: item.customerName,
              saleTitle: item.saleTitle,
              stepDays: item.stepDays,
              dueOn: item.dueOn,
            },
          });
        else if (item.kind === 'complaint')
          setOpen({
            kind: 'complaint',
            complaint: { id: item.complaintId, customerId: item.customerId, customerName: item.customerName },
            initial: null,
            resolve: true,
          });
        else setOpen({ kind: 'interaction', customer: customerOf(item), followUp: item, interactionKind: 'call' });
      },
      completeCheckIn: (checkIn) => setOpen({ kind: 'checkIn', checkIn }),
      newComplaint: (customer = null) => setOpen({ kind: 'newComplaint', customer }),
      openComplaint: (complaint, initial = null) => setOpen({ kind: 'complaint', complaint, initial, resolve: false }),
      reschedule: (item) => setOpen({ kind: 'reschedule', item }),
    }),
    [api, notify],
  );

  return (
    <CareDialogsContext.Provider value={dialogs}>
      {children}
      <DialogSuspense>
        {open?.kind === 'interaction' && (
          <InteractionDialog
            customer={open.customer}
            followUp={open.followUp}
            kind={open.interactionKind}
            onClose={close}
          />
        )}
        {open?.kind === 'checkIn' && (
          <CheckInDialog
            checkIn={open.checkIn}
            onClose={close}
            onOpenComplaint={(complaint) =>
              setOpen({ kind: 'complaint', complaint, initial: complaint, resolve: false })
            }
          />
        )}
        {open?.kind === 'newComplaint' && <ComplaintForm customer={open.customer} onClose={close} />}
        {open?.kind === 'complaint' && (
          <ComplaintDialog complaint={open.complaint} initial={open.initial} resolve={open.resolve} onClose={close} />
        )}
        {open?.kind === 'reschedule' && <RescheduleDialog item={open.item} onClose={close} />}
      </DialogSuspense>
    </CareDialogsContext.Provider>
  );
}

export function useCareDialogs(): CareDialogs {
  const dialogs = useContext(CareDialogsContext);
  if (!dialogs) throw new Error('useCareDialogs must be used inside <CareDialogsProvider>');
  return dialogs;
}
