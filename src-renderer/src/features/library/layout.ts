import { useCallback, useState } from 'react';
import type { LibraryLayout } from './libraryModel';

const KEY = 'rapport.library.layout';

/** The layout last chosen, from this window's storage (kept across restarts); covers at first. */
function stored(): LibraryLayout {
  try {
    return window.localStorage.getItem(KEY) === 'list' ? 'list' : 'covers';
  } catch {
    // Storage refused (a locked-down profile): the choice lasts as long as the screen.
    return 'covers';
  }
}

/**
 * Covers or list, remembered: a look, not data, so it lives with the window (like its size)
 * rather than in the database the seller backs up and restores on another machine.
 */
export function useLayout(): [LibraryLayout, (layout: LibraryLayout) => void] {
  const [layout, setLayout] = useState<LibraryLayout>(stored);
  const choose = useCallback((next: LibraryLayout) => {
    setLayout(next);
    try {
      window.localStorage.setItem(KEY, next);
    } catch {
      // See stored().
    }
  }, []);
  return [layout, choose];
}
