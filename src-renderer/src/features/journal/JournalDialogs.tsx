import { createContext, useCallback, useContext, useMemo, useState, type ReactElement, type ReactNode } from 'react';
import type { JournalEntry } from '../../../../src-main/features/journal/contract';
import type { EntryPrefill } from './entryModel';
import { lazyNamed } from '../../shell/lazyNamed';
import { DialogSuspense } from '../../shell/PageLoading';

const EntryDetail = lazyNamed(() => import('./EntryDetail'), 'EntryDetail');
const EntryDialog = lazyNamed(() => import('./EntryDialog'), 'EntryDialog');

type Open =
  /** `fromDetail`: the editor was opened from the entry's detail, and goes back to it once saved. */
  | { kind: 'edit'; entry: JournalEntry | null; prefill: EntryPrefill; fromDetail: boolean }
  | { kind: 'show'; id: number };

export interface JournalDialogs {
  /** The entry editor: a new entry (optionally about a customer, a sale, techniques) or `entry`. */
  newEntry(prefill?: EntryPrefill): void;
  editEntry(entry: JournalEntry): void;
  /** An entry read in full, its Markdown rendered. */
  showEntry(id: number): void;
}

const JournalDialogsContext = createContext<JournalDialogs | null>(null);

/**
 * The journal's dialogs, app-wide: the journal page, a customer's page, a sale's form and the
 * search all open them. Outside the app's editors, so the sale form can open one over itself.
 */
export function JournalDialogsProvider({ children }: { children: ReactNode }): ReactElement {
  const [open, setOpen] = useState<Open | null>(null);
  const close = useCallback(() => setOpen(null), []);
  const dialogs = useMemo<JournalDialogs>(
    () => ({
      newEntry: (prefill = {}) => setOpen({ kind: 'edit', entry: null, prefill, fromDetail: false }),
      editEntry: (entry) => setOpen({ kind: 'edit', entry, prefill: {}, fromDetail: false }),
      showEntry: (id) => setOpen({ kind: 'show', id }),
    }),
    [],
  );
  return (
    <JournalDialogsContext.Provider value={dialogs}>
      {children}
      <DialogSuspense>
        {open?.kind === 'edit' && (
          <EntryDialog
            entry={open.entry}
            prefill={open.prefill}
            onClose={() => setOpen(open.fromDetail && open.entry ? { kind: 'show', id: open.entry.id } : null)}
            onSaved={(saved) => setOpen(open.fromDetail ? { kind: 'show', id: saved.id } : null)}
          />
        )}
        {open?.kind === 'show' && (
          <EntryDetail
            id={open.id}
            onClose={close}
            onEdit={(entry) => setOpen({ kind: 'edit', entry, prefill: {}, fromDetail: true })}
          />
        )}
      </DialogSuspense>
    </JournalDialogsContext.Provider>
  );
}

export function useJournalDialogs(): JournalDialogs {
  const dialogs = useContext(JournalDialogsContext);
  if (!dialogs) throw new Error('useJournalDialogs must be used inside <JournalDialogsProvider>');
  return dialogs;
}
