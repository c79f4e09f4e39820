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
import { Link } from 'react-router';
import { useDescribeError, useErrorDetail } from './errors';
import { Icon } from './icons';

/**
 * A toast keeps message keys and the error itself, not finished sentences: its words are made
 * when it is drawn, so a toast on screen follows a change of language.
 */
interface Toast {
  id: number;
  kind: 'error' | 'success' | 'reminder';
  titleKey: string;
  /** Interpolated into the title when it is drawn (counts, file names). */
  values?: Record<string, string | number>;
  error?: unknown;
  link?: ReminderLink;
}

/** Where a reminder takes the seller: the screen its news is about, and the words for going there. */
export interface ReminderLink {
  to: string;
  labelKey: string;
}

export interface Notify {
  /** A failed action: stays until dismissed, because the user has to know it did not happen. */
  error(titleKey: string, error: unknown): void;
  /** A done action: goes away by itself after SUCCESS_MS, not while pointed at or focused. */
  success(titleKey: string, values?: Record<string, string | number>): void;
  /**
   * Something to act on (follow-ups due, goals behind): not a success, so it wears its own
   * warning look and bell, and links to what it is about. It goes away like a success does.
   */
  reminder(titleKey: string, values: Record<string, string | number>, link: ReminderLink): void;
}

const NotifyContext = createContext<Notify | null>(null);
export const SUCCESS_MS = 4000;
/** After a pause, a toast whose time was nearly up still stays this long. */
const RESUME_MIN_MS = 1500;
const MAX_TOASTS = 4;

export function NotificationsProvider({ children }: { children: ReactNode }): ReactElement {
  const { t } = useTranslation();
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((toast) => toast.id !== id)), []);

  const notify = useMemo<Notify>(() => {
    const push = (toast: Omit<Toast, 'id'>): void => {
      const id = nextId.current++;
      setToasts((all) => [...all.slice(1 - MAX_TOASTS), { ...toast, id }]);
    };
    return {
      error: (titleKey, error) => push({ kind: 'error', titleKey, error }),
      success: (titleKey, values) => push({ kind: 'success', titleKey, values }),
      reminder: (titleKey, values, link) => push({ kind: 'reminder', titleKey, values, link }),
    };
  }, []);

  return (
    <NotifyContext.Provider value={notify}>
      {children}
      <section className="toasts" aria-label={t('common.notifications')}>
        {toasts.map((toast) => (
          <ToastView key={toast.id} toast={toast} onDismiss={dismiss} />
        ))}
      </section>
    </NotifyContext.Provider>
  );
}

const ICONS = { error: 'alert', success: 'check', reminder: 'bell' } as const;

function ToastView({ toast, onDismiss }: { toast: Toast; onDismiss: (id: number) => void }): ReactElement {
  const { t } = useTranslation();
  const describe = useDescribeError();
  const errorDetail = useErrorDetail();
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  useAutoDismiss(toast.kind === 'error' ? null : SUCCESS_MS, hovered || focused, toast.id, onDismiss);

  const { error } = toast;
  const detail = toast.kind === 'error' ? [describe(error), errorDetail(error)].filter(Boolean).join(' ') : null;
  return (
    <div
      className={`toast toast-${toast.kind}`}
      role={toast.kind === 'error' ? 'alert' : 'status'}
      onMouseEnter={() => setHovered(true)}
      onMouseLeave={() => setHovered(false)}
      onFocus={() => setFocused(true)}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget)) setFocused(false);
      }}
    >
      <span className="toast-icon">
        <Icon name={ICONS[toast.kind]} />
      </span>
      <div className="toast-text">
        <p className="toast-title">{t(toast.titleKey, toast.values)}</p>
        {detail && <p className="toast-detail">{detail}</p>}
        {toast.link && (
          <Link className="toast-link" to={toast.link.to} onClick={() => onDismiss(toast.id)}>
            {t(toast.link.labelKey)}
          </Link>
        )}
      </div>
      <button
        type="button"
        className="btn btn-ghost btn-icon"
        onClick={() => onDismiss(toast.id)}
        aria-label={t('common.dismiss')}
      >
        <Icon name="close" />
      </button>
    </div>
  );
}

/** Dismisses after `ms` of unpaused time; `null` never does (errors wait for the user). */
function useAutoDismiss(ms: number | null, paused: boolean, id: number, onDismiss: (id: number) => void): void {
  const remaining = useRef(ms);
  useEffect(() => {
    const left = remaining.current;
    if (left === null || paused) return;
    const started = Date.now();
    const timer = setTimeout(() => onDismiss(id), left);
    return () => {
      clearTimeout(timer);
      remaining.current = Math.max(RESUME_MIN_MS, left - (Date.now() - started));
    };
  }, [paused, id, onDismiss]);
}

export function useNotify(): Notify {
  const notify = useContext(NotifyContext);
  if (!notify) throw new Error('useNotify must be used inside <NotificationsProvider>');
  return notify;
}
