import { createContext, useCallback, useContext, useState, type ReactElement, type ReactNode } from 'react';

/** Remembers each list's filters for the session, so going back to a list finds it as it was left. */
class ViewStore {
  private readonly values = new Map<string, unknown>();
  get<T>(key: string, fallback: T): T {
    return this.values.has(key) ? (this.values.get(key) as T) : fallback;
  }
  set(key: string, value: unknown): void {
    this.values.set(key, value);
  }
}

const ViewStateContext = createContext<ViewStore | null>(null);

export function ViewStateProvider({ children }: { children: ReactNode }): ReactElement {
  const [store] = useState(() => new ViewStore());
  return <ViewStateContext.Provider value={store}>{children}</ViewStateContext.Provider>;
}

export function useViewState<T>(key: string, initial: T): [T, (update: (current: T) => T) => void] {
  const store = useContext(ViewStateContext);
  if (!store) throw new Error('useViewState must be used inside <ViewStateProvider>');
  const [value, setValue] = useState<T>(() => store.get(key, initial));
  const update = useCallback(
    (change: (current: T) => T) =>
      setValue((current) => {
        const next = change(current);
        store.set(key, next);
        return next;
      }),
    [store, key],
  );
  return [value, update];
}
