import { useEffect, useId, useRef, type KeyboardEvent, type ReactElement, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { Icon } from './icons';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export interface DialogProps {
  title: string;
  onClose: () => void;
  children?: ReactNode;
  footer?: ReactNode;
  /**
   * `sheet` slides in from the right for long forms, `wide` too with room for two columns (an
   * editor beside its preview); `alert` is a small centred confirmation; `palette` sits high in
   * the middle, a search box over its results.
   */
  variant?: 'sheet' | 'wide' | 'alert' | 'palette';
  description?: string;
}

/** Sent as a dialog closes when what opened it is no longer in the page to take the focus back. */
export const FOCUS_NOT_RETURNED = 'rapport:focus-not-returned';

/** What a modal dialog's panel matches. */
export const IN_DIALOG = '[role="dialog"], [role="alertdialog"]';

/**
 * The open dialogs' close handlers, oldest first. Escape is heard on the document, not on the
 * panel, so it still works after a click on the dim background or anywhere focus cannot stay;
 * only the newest dialog answers it, so one opened from inside another closes alone.
 */
const stack: { current: () => void }[] = [];

/**
 * A modal that keeps Tab inside itself, closes on Escape and gives focus back to whatever
 * opened it. A click on the dim background closes nothing (a form must not be lost to a stray
 * click) and keeps focus where it was.
 */
export function Dialog({
  title,
  onClose,
  children,
  footer,
  variant = 'sheet',
  description,
}: DialogProps): ReactElement {
  const { t } = useTranslation();
  const titleId = useId();
  const descriptionId = useId();
  const panel = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);

  useEffect(() => {
    close.current = onClose;
  }, [onClose]);

  useEffect(() => {
    const entry = close;
    stack.push(entry);
    const onEscape = (event: globalThis.KeyboardEvent): void => {
      if (event.key !== 'Escape' || stack.at(-1) !== entry) return;
      event.preventDefault();
      entry.current();
    };
    document.addEventListener('keydown', onEscape);
    return () => {
      document.removeEventListener('keydown', onEscape);
      stack.splice(stack.indexOf(entry), 1);
    };
  }, []);

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const root = panel.current;
    const first = root?.querySelector<HTMLElement>('[data-autofocus]') ?? root?.querySelector<HTMLElement>(FOCUSABLE);
    (first ?? root)?.focus();
    return () => {
      if (opener?.isConnected) opener.focus();
      // Taken out of the page meanwhile (a row drawn again in its new place): its list gives it back.
      else if (opener) window.dispatchEvent(new Event(FOCUS_NOT_RETURNED));
    };
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key !== 'Tab' || !panel.current) return;
    event.stopPropagation();
    const items = [...panel.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return createPortal(
    <div
      className={`overlay overlay-${variant}`}
      onMouseDown={(event) => {
        // Without this the click would move focus to the page behind, out of the dialog.
        if (event.target === event.currentTarget) event.preventDefault();
      }}
    >
      <div
        ref={panel}
        className={`dialog dialog-${variant}`}
        role={variant === 'alert' ? 'alertdialog' : 'dialog'}
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={description ? descriptionId : undefined}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <header className="dialog-header">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="btn btn-ghost btn-icon" onClick={onClose} aria-label={t('common.close')}>
            <Icon name="close" />
          </button>
        </header>
        {description && (
          <p id={descriptionId} className="dialog-description">
            {description}
          </p>
        )}
        {children && <div className="dialog-body">{children}</div>}
        {footer && <footer className="dialog-footer">{footer}</footer>}
      </div>
    </div>,
    document.body,
  );
}
