import {
  createContext,
  useCallback,
  useContext,
  useMemo,
  useRef,
  useState,
  type ReactElement,
  type ReactNode,
} from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { useDescribeError } from './errors';
import { Icon } from './icons';

interface Toast {
  id: number;
  kind: 'error' | 'success';
  title: string;
  detail?: string;
}

export interface Notify {
  /** A failed action: stays until dismissed, because the user has to know it did not happen. */
  error(title: string, error: unknown): void;
  success(title: string): void;
}

const NotifyContext = createContext<Notify | null>(null);
const SUCCESS_MS = 4000;

export function NotificationsProvider({ children }: { children: ReactNode }): ReactElement {
  const { t } = useTranslation();
  const describe = useDescribeError();
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((toast) => toast.id !== id)), []);

  const notify = useMemo<Notify>(() => {
    const push = (toast: Omit<Toast, 'id'>): number => {
      const id = nextId.current++;
      setToasts((all) => [...all.slice(-3), { ...toast, id }]);
      return id;
    };
    return {
      error: (title, error) => {
        const reason = describe(error);
        const detail = error instanceof ApiError && error.message ? `${reason} ${error.message}` : reason;
        push({ kind: 'error', title, detail });
      },
      success: (title) => {
        const id = push({ kind: 'success', title });
        setTimeout(() => dismiss(id), SUCCESS_MS);
      },
    };
  }, [describe, dismiss]);

  return (
    <NotifyContext.Provider value={notify}>
      {children}
      <section className="toasts" aria-label={t('common.notifications')}>
        {toasts.map((toast) => (
          <div
            key={toast.id}
            className={`toast toast-${toast.kind}`}
            role={toast.kind === 'error' ? 'alert' : 'status'}
          >
            <span className="toast-icon">
              <Icon name={toast.kind === 'error' ? 'alert' : 'check'} />
            </span>
            <div className="toast-text">
              <p className="toast-title">{toast.title}</p>
              {toast.detail && <p className="toast-detail">{toast.detail}</p>}
            </div>
            <button
              type="button"
              className="btn btn-ghost btn-icon"
              onClick={() => dismiss(toast.id)}
              aria-label={t('common.dismiss')}
            >
              <Icon name="close" />
            </button>
          </div>
        ))}
      </section>
    </NotifyContext.Provider>
  );
}

export function useNotify(): Notify {
  const notify = useContext(NotifyContext);
  if (!notify) throw new Error('useNotify must be used inside <NotificationsProvider>');
  return notify;
}
