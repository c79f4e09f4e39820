import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactElement,
  type ReactNode,
} from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import type {
  DuplicateChoice,
  FileImportResult,
  LibraryImportProgress,
  LibraryImportResult,
} from '../../../../src-main/features/library/contract';
import { useApi } from '../../api/ApiProvider';
import { ApiError } from '../../api/client';
import { fileName } from '../../ui/fileName';
import { Icon } from '../../ui/icons';
import { useNotify } from '../../ui/Notifications';

/** What the seller chose for a duplicate, once the file was imported again with that choice. */
export type Resolution = Exclude<DuplicateChoice, 'report'>;

/** One file's line in the results: what the import said, and what became of a duplicate since. */
export interface ImportLine extends FileImportResult {
  resolution: Resolution | null;
  resolving: boolean;
}

export type LibraryImportState =
  | { phase: 'idle' }
  | { phase: 'running'; progress: LibraryImportProgress | null; cancelling: boolean }
  | { phase: 'done'; result: LibraryImportResult; lines: ImportLine[] }
  | { phase: 'failed'; error: unknown; paths: string[]; link: boolean };

export interface LibraryImports {
  state: LibraryImportState;
  /** Imports files and folders (dropped or picked); `link` keeps them where they are. */
  start(paths: readonly string[], link?: boolean): Promise<void>;
  /** The system dialog, then the import of what was chosen. */
  pick(folders: boolean, link: boolean): Promise<void>;
  cancel(): Promise<void>;
  /** Imports one duplicate again, this time with the seller's choice. */
  resolve(file: string, choice: Resolution): Promise<void>;
  /** Puts the results away. */
  dismiss(): void;
  /**
   * A Kindle's My Clippings.txt dropped on the window: its highlights are offered for import
   * instead of adding it as a book (the library reads no such file). Null when there is none.
   */
  clippings: string | null;
  /** The offer answered (imported or not). */
  dismissClippings(): void;
}

/** A Kindle's clippings file, by the name the Kindle gives it (any case). */
export function isKindleClippings(path: string): boolean {
  return fileName(path).toLowerCase() === 'my clippings.txt';
}

const Context = createContext<LibraryImports | null>(null);

/**
 * The library's import, for the whole window: files dropped anywhere on it (announced by main
 * as `library.dropped`) or picked, their progress, the cancel, and the results with each
 * duplicate's choice. It outlives the library screen, so leaving it does not lose a running
 * import or its results; a drop elsewhere brings the seller to the library to watch it.
 */
export function LibraryImportProvider({ children }: { children: ReactNode }): ReactElement {
  const api = useApi();
  const notify = useNotify();
  const navigate = useNavigate();
  const location = useLocation();
  const [state, setState] = useState<LibraryImportState>({ phase: 'idle' });
  const [clippings, setClippings] = useState<string | null>(null);
  const running = useRef(false);
  const onLibrary = useRef(false);
  // The coach workspace reads the JSON reports dropped on it itself: a drop there is not for the library.
  const onCoach = useRef(false);
  useEffect(() => {
    onLibrary.current = location.pathname === '/library';
    onCoach.current = location.pathname === '/coach';
  }, [location.pathname]);

  const start = useCallback(
    async (paths: readonly string[], link = false): Promise<void> => {
      if (paths.length === 0) return;
      if (running.current) {
        // Said in the words main would use, without asking it to refuse.
        notify.error('library.ui.import.notStarted', new ApiError('conflict', 'library.errors.importRunning'));
        return;
      }
      running.current = true;
      setState({ phase: 'running', progress: null, cancelling: false });
      try {
        const result = await api.call('library.import', { paths: [...paths], link });
        setState({
          phase: 'done',
          result,
          lines: result.results.map((line) => ({ ...line, resolution: null, resolving: false })),
        });
      } catch (error) {
        setState({ phase: 'failed', error, paths: [...paths], link });
      } finally {
        running.current = false;
      }
    },
    [api, notify],
  );

  useEffect(
    () =>
      api.subscribe('library.progress', (progress) =>
        setState((current) => (current.phase === 'running' ? { ...current, progress } : current)),
      ),
    [api],
  );

  useEffect(
    () =>
      api.subscribe('library.dropped', ({ paths }) => {
        if (onCoach.current) return;
        if (!onLibrary.current) navigate('/library');
        const kindle = paths.find(isKindleClippings);
        if (kindle !== undefined) setClippings(kindle);
        void start(paths.filter((path) => !isKindleClippings(path)));
      }),
    [api, navigate, start],
  );

  const pick = useCallback(
    async (folders: boolean, link: boolean): Promise<void> => {
      try {
        const { paths } = await api.call('library.pick', { folders });
        await start(paths, link);
      } catch (error) {
        notify.error('library.ui.import.pickFailed', error);
      }
    },
    [api, notify, start],
  );

  const cancel = useCallback(async (): Promise<void> => {
    setState((current) => (current.phase === 'running' ? { ...current, cancelling: true } : current));
    try {
      await api.call('library.cancelImport', {});
    } catch (error) {
      notify.error('library.ui.import.cancelFailed', error);
    }
  }, [api, notify]);

  const patchLine = (file: string, patch: (line: ImportLine) => ImportLine): void =>
    setState((current) =>
      current.phase === 'done'
        ? { ...current, lines: current.lines.map((line) => (line.file === file ? patch(line) : line)) }
        : current,
    );

  const resolve = useCallback(
    async (file: string, choice: Resolution): Promise<void> => {
      patchLine(file, (line) => ({ ...line, resolving: true }));
      try {
        const { results } = await api.call('library.import', { paths: [file], onDuplicate: choice });
        const answer = results.find((line) => line.file === file) ?? results[0];
        patchLine(file, (line) =>
          answer ? { ...answer, resolution: choice, resolving: false } : { ...line, resolving: false },
        );
      } catch (error) {
        patchLine(file, (line) => ({ ...line, resolving: false }));
        notify.error('library.ui.import.resolveFailed', error);
      }
    },
    [api, notify],
  );

  const dismiss = useCallback(() => setState({ phase: 'idle' }), []);
  const dismissClippings = useCallback(() => setClippings(null), []);

  const value = useMemo<LibraryImports>(
    () => ({ state, start, pick, cancel, resolve, dismiss, clippings, dismissClippings }),
    [state, start, pick, cancel, resolve, dismiss, clippings, dismissClippings],
  );
  return (
    <Context.Provider value={value}>
      {children}
      <DropHint />
    </Context.Provider>
  );
}

export function useLibraryImports(): LibraryImports {
  const imports = useContext(Context);
  if (!imports) throw new Error('useLibraryImports must be used inside <LibraryImportProvider>');
  return imports;
}

/**
 * While files are dragged over the window: what letting go will do. The page accepts a drop
 * of files (Chromium fires no drop where dragover is not prevented, and would otherwise open
 * the file in the window); the paths themselves are read by the preload, which hands them to
 * main, and come back as `library.dropped`: nothing here sees or sends a path.
 */
function DropHint(): ReactElement | null {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const [over, setOver] = useState(false);
  useEffect(() => {
    let depth = 0;
    const hasFiles = (event: DragEvent): boolean => event.dataTransfer?.types.includes('Files') ?? false;
    const enter = (event: DragEvent): void => {
      if (!hasFiles(event)) return;
      depth++;
      setOver(true);
    };
    const leave = (event: DragEvent): void => {
      if (!hasFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    const over = (event: DragEvent): void => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const end = (event: DragEvent): void => {
      if (event.type === 'drop' && hasFiles(event)) event.preventDefault();
      depth = 0;
      setOver(false);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', end);
    window.addEventListener('dragend', end);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', end);
      window.removeEventListener('dragend', end);
    };
  }, []);
  if (!over || pathname === '/coach') return null;
  return (
    <div className="library-drop" role="status">
      <div className="library-drop-box">
        <Icon name="upload" size={28} />
        <p>{t('library.ui.import.dropHere')}</p>
      </div>
    </div>
  );
}
