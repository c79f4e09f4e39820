import { describe, expect, it } from 'vitest';
import {
  externalLinkDecision,
  isLocalHost,
  navigationDecision,
  originOf,
  permissionDecision,
} from '../../src-main/platform/security';

describe('externalLinkDecision', () => {
  it.each([
    ['https://example.com', 'https://example.com/'],
    ['https://example.com/path?q=1#frag', 'https://example.com/path?q=1#frag'],
    ['http://example.com:8080/a', 'http://example.com:8080/a'],
    ['HTTPS://EXAMPLE.com/A', 'https://example.com/A'],
    // IDN: opened in punycode so the browser's address bar shows the real host.
    ['https://аpple.com/', 'https://xn--pple-43d.com/'],
    // A lookalike of our own origin is just some other web site.
    ['https://rapport.app.evil.example/', 'https://rapport.app.evil.example/'],
    ['mailto:mario.rossi@example.it', 'mailto:mario.rossi@example.it'],
  ])('opens %s as %s', (url, expected) => {
    expect(externalLinkDecision(url)).toEqual({ action: 'open', url: expected });
  });

  it.each([
    // Schemes that reach OS handlers or run code.
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'java\tscript:alert(1)',
    'vbscript:msgbox(1)',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    'file://server/share/x.exe',
    'smb://server/share',
    'ms-msdt:/id PCWDiagnostic',
    'search-ms:query=calc',
    'ftp://example.com/',
    'rapport://app/',
    'chrome://settings',
    'about:blank',
    'blob:https://example.com/uuid',
    '//example.com/',
    '/relative',
    'example.com',
    // Credentials: https://bank.example@evil.example reads as the bank.
    'https://bank.example@evil.example/',
    'https://user:pass@example.com/',
    'https://:pass@example.com/',
    // Whitespace and control characters the parser would strip or that hide the host.
    ' https://example.com',
    'https://example.com ',
    'https://exa\nmple.com/',
    'https://exa\tmple.com/',
    'https://example.com/\u0000',
    'https://example.com/\u202Emoc.live',
    'https://exa\u200Bmple.com/',
    'https://example.com/\u00A0',
    // This machine and the local network.
    'http://localhost:3000/',
    'http://LOCALHOST/',
    'http://app.localhost/',
    'http://printer.local/',
    'http://127.0.0.1/',
    'http://2130706433/',
    'http://0x7f.1/',
    'http://0.0.0.0/',
    'http://10.0.0.1/',
    'http://172.16.5.4/',
    'http://192.168.1.1/admin',
    'http://169.254.169.254/latest/meta-data',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[fd00::1]/',
    'http://[fe80::1]/',
    // mailto beyond one plain address: attach=, extra headers, several recipients.
    'mailto:a@example.com?attach=/etc/passwd',
    'mailto:a@example.com?subject=hi',
    'mailto:a@example.com,b@example.com',
    'mailto:a@example.com#x',
    'mailto:',
    'mailto:not-an-address',
    // Not strings / nonsense.
    '',
    'https://',
    'http://[',
    `https://example.com/${'a'.repeat(3000)}`,
  ])('denies %j', (url) => {
    expect(externalLinkDecision(url).action).toBe('deny');
  });

  it.each([null, undefined, 42, {}, ['https://example.com'], new URL('https://example.com')])(
    'denies non-string %j',
    (value) => {
      expect(externalLinkDecision(value).action).toBe('deny');
    },
  );
});

describe('isLocalHost', () => {
  it.each([
    'localhost',
    '127.0.0.5',
    '10.1.2.3',
    '172.31.0.1',
    '192.168.0.1',
    '169.254.1.1',
    '100.64.0.1',
    '224.0.0.1',
    '[::]',
    'x.localhost.',
  ])('%s is local', (host) => expect(isLocalHost(host)).toBe(true));
  it.each(['example.com', '8.8.8.8', '172.32.0.1', '100.128.0.1', '[2001:db8::1]', 'localhost.example.com'])(
    '%s is not',
    (host) => expect(isLocalHost(host)).toBe(false),
  );
});

describe('navigationDecision', () => {
  it.each(['rapport://app/', 'rapport://app/customers', 'https://example.com', 'file:///etc/passwd', 'javascript:0'])(
    'denies %s',
    (url) => expect(navigationDecision(url)).toBe('deny'),
  );
});

describe('permissionDecision', () => {
  const app = { origin: 'rapport://app', isMainFrame: true };
  it.each([
    'media',
    'geolocation',
    'notifications',
    'midi',
    'midiSysex',
    'pointerLock',
    'fullscreen',
    'openExternal',
    'clipboard-read',
    'display-capture',
    'hid',
    'serial',
    'usb',
    'window-management',
    'idle-detection',
    'storage-access',
    'unknown',
    '',
  ])('denies %s even to the app itself', (permission) => {
    expect(permissionDecision(permission, app)).toBe(false);
  });

  it('lets only the app main frame write sanitised text to the clipboard', () => {
    expect(permissionDecision('clipboard-sanitized-write', app)).toBe(true);
    expect(
      permissionDecision('clipboard-sanitized-write', { origin: 'rapport://app/some/page', isMainFrame: true }),
    ).toBe(true);
    for (const requester of [
      { origin: 'rapport://app', isMainFrame: false },
      { origin: 'rapport://app.evil', isMainFrame: true },
      { origin: 'rapport://app@evil', isMainFrame: true },
      { origin: 'https://example.com', isMainFrame: true },
      { origin: 'file:///', isMainFrame: true },
      { origin: null, isMainFrame: true },
      { origin: undefined, isMainFrame: true },
      { origin: '', isMainFrame: true },
    ]) {
      expect(permissionDecision('clipboard-sanitized-write', requester), JSON.stringify(requester)).toBe(false);
    }
  });
});

describe('originOf', () => {
  it.each([
    ['rapport://app/', 'rapport://app'],
    ['rapport://app/customers?x=1#y', 'rapport://app'],
    ['rapport://app.evil/', 'rapport://app.evil'],
    ['http://127.0.0.1:5199/x', 'http://127.0.0.1:5199'],
    ['https://example.com:443/', 'https://example.com'],
    ['rapport://app@evil/', null],
    ['rapport://user:pw@app/', null],
    ['file:///etc/passwd', null],
    ['data:text/html,x', null],
    ['about:blank', null],
    ['not a url', null],
    ['', null],
    [null, null],
    [undefined, null],
  ])('%j → %j', (url, origin) => {
    expect(originOf(url)).toBe(origin);
  });
});
