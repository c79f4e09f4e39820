import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useId,
  useMemo,
  useState,
  type ReactElement,
  type ReactNode,
} from 'react';
import { DiscardDialog } from '../ui/DiscardDialog';

/**
 * Asks before the app's own navigation (the sidebar, the menu's Go to) leaves a page with
 * unsaved changes. The app runs in a HashRouter, which has no data APIs and so no useBlocker:
 * the guard sits on the app's own ways of leaving instead. Answers true when nothing is unsaved
 * and the caller may go now; otherwise asks, and `go` runs after Discard.
 */
type Leave = (go: () => void) => boolean;

const LeaveContext = createContext<{ leave: Leave; unsaved: Set<string> } | null>(null);

export function LeaveGuardProvider({ children }: { children: ReactNode }): ReactElement {
  // One set for the provider's life, changed in place: marking a part dirty must not re-render the shell.
  const [unsaved] = useState(() => new Set<string>());
  const [pending, setPending] = useState<(() => void) | null>(null);
  const leave = useCallback<Leave>(
    (go) => {
      if (unsaved.size === 0) return true;
      setPending(() => go);
      return false;
    },
    [unsaved],
  );
  const value = useMemo(() => ({ leave, unsaved }), [leave, unsaved]);
  return (
    <LeaveContext.Provider value={value}>
      {children}
      {pending && (
        <DiscardDialog
          onKeep={() => setPending(null)}
          onDiscard={() => {
            setPending(null);
            pending();
          }}
        />
      )}
    </LeaveContext.Provider>
  );
}

function useLeaveContext(): { leave: Leave; unsaved: Set<string> } {
  const value = useContext(LeaveContext);
  if (!value) throw new Error('The leave guard must be used inside <LeaveGuardProvider>');
  return value;
}

/** The guarded way away from the current page. */
export const useLeave = (): Leave => useLeaveContext().leave;

/** Marks the calling part of the page as holding unsaved changes while `dirty`. */
export function useLeaveGuard(dirty: boolean): void {
  const id = useId();
  const { unsaved } = useLeaveContext();
  useEffect(() => {
    if (!dirty) return;
    unsaved.add(id);
    return () => {
      unsaved.delete(id);
    };
  }, [dirty, id, unsaved]);
}
