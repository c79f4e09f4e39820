// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { i18n as I18n } from 'i18next';
import { useEffect, type ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../src-renderer/src/api/client';
import { createI18n } from '../../src-renderer/src/i18n';
import { CATALOGUES } from '../../src-main/shared/locales';
import { NotificationsProvider, SUCCESS_MS, useNotify, type Notify } from '../../src-renderer/src/ui/Notifications';

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

/** Mounts the toasts alone and hands back the notifier the screens would use. */
function mount(): { notify: Notify; i18n: I18n } {
  const i18n = createI18n('en', CATALOGUES);
  let notify: Notify | null = null;
  function Grab(): ReactElement | null {
    const value = useNotify();
    useEffect(() => {
      notify = value;
    }, [value]);
    return null;
  }
  render(
    <I18nextProvider i18n={i18n}>
      <NotificationsProvider>
        <Grab />
      </NotificationsProvider>
    </I18nextProvider>,
  );
  if (!notify) throw new Error('no notifier');
  return { notify, i18n };
}

const advance = (ms: number): void =>
  act(() => {
    vi.advanceTimersByTime(ms);
  });

describe('toasts', () => {
  it('a success goes away by itself after about four seconds', () => {
    const { notify } = mount();
    act(() => notify.success('saleForm.created'));
    expect(screen.getByRole('status').textContent).toContain('Sale added');
    advance(SUCCESS_MS - 100);
    expect(screen.queryByRole('status')).not.toBeNull();
    advance(200);
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('an error stays until the user dismisses it', () => {
    const { notify } = mount();
    act(() => notify.error('saleForm.deleteFailed', new ApiError('internal', 'disk full')));
    advance(60_000);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain("Couldn't delete the sale");
    expect(alert.textContent).toContain('disk full');
    fireEvent.click(within(alert).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('waits while pointed at, then takes the rest of its time', () => {
    const { notify } = mount();
    act(() => notify.success('saleForm.created'));
    advance(1000);
    fireEvent.mouseEnter(screen.getByRole('status'));
    advance(30_000);
    expect(screen.queryByRole('status')).not.toBeNull();
    fireEvent.mouseLeave(screen.getByRole('status'));
    advance(SUCCESS_MS - 1000 - 100);
    expect(screen.queryByRole('status')).not.toBeNull();
    advance(200);
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('waits while the keyboard is on it', () => {
    const { notify } = mount();
    act(() => notify.success('customerForm.created'));
    const dismiss = within(screen.getByRole('status')).getByRole('button', { name: 'Dismiss' });
    act(() => dismiss.focus());
    advance(30_000);
    expect(screen.queryByRole('status')).not.toBeNull();
    act(() => dismiss.blur());
    advance(SUCCESS_MS);
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('each success keeps its own time', () => {
    const { notify } = mount();
    act(() => notify.success('saleForm.created'));
    advance(3000);
    act(() => notify.success('saleForm.deleted'));
    advance(1500);
    expect(screen.getAllByRole('status').map((toast) => toast.textContent)).toEqual(['Sale deleted']);
    advance(3000);
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('speaks the current language, also after a switch while it is showing', async () => {
    const { notify, i18n } = mount();
    act(() => notify.success('saleForm.created'));
    act(() => notify.error('settings.saveFailed', new ApiError('internal', 'disk full')));
    await act(() => i18n.changeLanguage('it'));
    expect(screen.getByRole('status').textContent).toContain('Vendita aggiunta');
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Impossibile salvare le impostazioni');
    expect(alert.textContent).toContain('Si è verificato un errore in Rapport.');
    expect(within(alert).getByRole('button', { name: 'Ignora' })).toBeTruthy();
  });
});
