import { useEffect } from 'react';

const isMac = (): boolean => /Mac|iPhone|iPad/.test(navigator.platform);

/** How the platform writes Ctrl/Cmd + `key`. */
export function shortcutLabel(key: string): string {
  return isMac() ? `⌘${key}` : `Ctrl+${key}`;
}

/** True when a keystroke belongs to what the user is typing in, not to the app. */
function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

const insideDialog = (target: EventTarget | null): boolean =>
  target instanceof Element && target.closest('[aria-modal="true"]') !== null;

/**
 * True while any modal dialog is open (a form, a confirmation, a check-in): a shortcut or a
 * menu command must not open another form over it, or replace the one being typed in.
 */
export const modalOpen = (doc: Document = document): boolean => doc.querySelector('[aria-modal="true"]') !== null;

/** Ctrl/Cmd+N anywhere, unless a dialog is open. */
export function useNewShortcut(onNew: () => void): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'n') {
        event.preventDefault();
        if (!modalOpen()) onNew();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [onNew]);
}

/**
 * `/` opens the app-wide search (the one search box), unless the user is typing in a field or a
 * dialog is open: there the key is only a character, or belongs to the dialog.
 */
export function useSlashShortcut(onSlash: () => void): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTyping(event.target) || insideDialog(event.target) || modalOpen()) return;
      event.preventDefault();
      onSlash();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [onSlash]);
}
