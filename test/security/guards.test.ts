import { EventEmitter } from 'node:events';
import type { Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { BLOCKED_URL_PATTERNS, guardWebContents, hardenSession } from '../../src-main/platform/guards';

type OpenHandler = (details: { url: string }) => { action: string };

function fakeContents() {
  const emitter = new EventEmitter();
  let openHandler: OpenHandler | null = null;
  const contents = Object.assign(emitter, {
    setWindowOpenHandler: (handler: OpenHandler) => (openHandler = handler),
  });
  const openExternal = vi.fn<(url: string) => void>();
  const log = vi.fn();
  guardWebContents(contents as unknown as WebContents, { openExternal, log });
  const fire = (name: string, url?: string): boolean => {
    const event = { preventDefault: vi.fn() };
    emitter.emit(name, event, url);
    return event.preventDefault.mock.calls.length > 0;
  };
  return { fire, openWindow: (url: string) => openHandler?.({ url }), openExternal, log };
}

describe('guardWebContents', () => {
  it.each([
    'rapport://app/',
    'rapport://app/#/sales',
    'https://example.com/',
    'file:///etc/passwd',
    'javascript:alert(1)',
  ])('cancels navigation to %s', (url) => {
    expect(fakeContents().fire('will-navigate', url)).toBe(true);
  });

  it('sends only allowed links to the system browser, re-serialised', () => {
    const guard = fakeContents();
    guard.fire('will-navigate', 'https://example.com/a%20b');
    guard.fire('will-navigate', 'file:///etc/passwd');
    guard.fire('will-navigate', 'rapport://app/elsewhere');
    expect(guard.openExternal.mock.calls).toEqual([['https://example.com/a%20b']]);
    expect(guard.log).toHaveBeenCalledTimes(2);
  });

  it('cancels every redirect and webview attachment', () => {
    const guard = fakeContents();
    expect(guard.fire('will-redirect', 'rapport://app/')).toBe(true);
    expect(guard.fire('will-redirect', 'https://example.com/')).toBe(true);
    expect(guard.fire('will-attach-webview')).toBe(true);
  });

  it.each([
    ['https://example.com/docs', 'https://example.com/docs'],
    ['mailto:ada@example.com', 'mailto:ada@example.com'],
    ['javascript:alert(1)', null],
    ['file:///C:/Windows/System32/calc.exe', null],
    ['rapport://app/', null],
    ['about:blank', null],
    ['http://localhost:8080/', null],
  ])('denies window.open(%s), opening %s externally', (url, external) => {
    const guard = fakeContents();
    expect(guard.openWindow(url)).toEqual({ action: 'deny' });
    expect(guard.openExternal.mock.calls).toEqual(external ? [[external]] : []);
  });
});

describe('hardenSession', () => {
  function fakeSession() {
    const captured: {
      request?: (c: unknown, p: string, cb: (granted: boolean) => void, d: object) => void;
      check?: (c: unknown, p: string, origin: string, d: object) => boolean;
      filter?: { urls: string[] };
      beforeRequest?: (d: object, cb: (response: { cancel?: boolean }) => void) => void;
    } = {};
    const session = {
      setPermissionRequestHandler: (handler: typeof captured.request) => (captured.request = handler),
      setPermissionCheckHandler: (handler: typeof captured.check) => (captured.check = handler),
      webRequest: {
        onBeforeRequest: (filter: { urls: string[] }, handler: typeof captured.beforeRequest) => {
          captured.filter = filter;
          captured.beforeRequest = handler;
        },
      },
    };
    hardenSession(session as unknown as Session);
    return captured;
  }

  it('denies permission requests and checks by default, for any origin', () => {
    const s = fakeSession();
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'hid']) {
      const callback = vi.fn();
      s.request?.(null, permission, callback, { requestingUrl: 'rapport://app/', isMainFrame: true });
      expect(callback).toHaveBeenCalledWith(false);
      expect(s.check?.(null, permission, 'rapport://app', { isMainFrame: true })).toBe(false);
    }
  });

  it('grants sanitised clipboard writes to the app main frame only', () => {
    const s = fakeSession();
    const granted = vi.fn();
    s.request?.(null, 'clipboard-sanitized-write', granted, { requestingUrl: 'rapport://app/', isMainFrame: true });
    expect(granted).toHaveBeenCalledWith(true);
    const denied = vi.fn();
    s.request?.(null, 'clipboard-sanitized-write', denied, {
      requestingUrl: 'https://evil.example/',
      isMainFrame: true,
    });
    expect(denied).toHaveBeenCalledWith(false);
    expect(s.check?.(null, 'clipboard-sanitized-write', 'rapport://app', { isMainFrame: false })).toBe(false);
  });

  it('cancels every web request to the network', () => {
    const s = fakeSession();
    expect(s.filter?.urls).toEqual(BLOCKED_URL_PATTERNS);
    expect(BLOCKED_URL_PATTERNS).toEqual(
      expect.arrayContaining(['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*']),
    );
    const callback = vi.fn();
    s.beforeRequest?.({ url: 'https://tracker.example/pixel' }, callback);
    expect(callback).toHaveBeenCalledWith({ cancel: true });
  });
});
