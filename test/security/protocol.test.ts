import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cacheControlFor,
  createAppProtocolHandler,
  mimeTypeFor,
  resolveAppPath,
  resolveRequestPath,
} from '../../src-main/platform/protocol';
import { contentSecurityPolicy } from '../../src-main/platform/security';

const ROOT = '/srv/rapport/out/renderer';

describe('resolveAppPath', () => {
  it.each([
    ['rapport://app/', 'index.html'],
    ['rapport://app', 'index.html'],
    ['rapport://app/index.html', 'index.html'],
    ['rapport://app/assets/index-AbC123.js', 'assets/index-AbC123.js'],
    ['rapport://app/assets/index-AbC123.js?v=1#x', 'assets/index-AbC123.js'],
    ['rapport://app/assets/font%20file.woff2', 'assets/font file.woff2'],
    // SPA routes: no extension on the last segment.
    ['rapport://app/customers', 'index.html'],
    ['rapport://app/customers/42', 'index.html'],
    ['rapport://app/sales/new/', 'index.html'],
    ['rapport://app/assets/', 'index.html'],
  ])('%s → %s', (url, file) => {
    expect(resolveAppPath(ROOT, url)).toBe(join(ROOT, file));
  });

  // The traversal corpus: every entry must be refused outright or land inside ROOT.
  const hostile = [
    'rapport://app/../etc/passwd',
    'rapport://app/../../../../etc/passwd',
    'rapport://app/assets/../../secret.txt',
    'rapport://app/%2e%2e/secret.txt',
    'rapport://app/%2E%2E/%2E%2E/secret.txt',
    'rapport://app/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'rapport://app/..%2fsecret.txt',
    'rapport://app/..%5csecret.txt',
    'rapport://app/%252e%252e/secret.txt',
    'rapport://app/%252e%252e%252fsecret.txt',
    'rapport://app/%c0%ae%c0%ae/secret.txt',
    'rapport://app/..\\secret.txt',
    'rapport://app/assets\\..\\..\\secret.txt',
    'rapport://app/%5c%5cserver%5cshare%5cx.js',
    'rapport://app/\\\\server\\share\\x.js',
    'rapport://app//etc/passwd',
    'rapport://app///etc/passwd.js',
    'rapport://app/%2fetc%2fpasswd.txt',
    'rapport://app/C:/Windows/win.ini',
    'rapport://app/C%3a%5cWindows%5cwin.ini',
    'rapport://app/index.html%00.png',
    'rapport://app/index.html\u0000.png',
    'rapport://app/%00',
    'rapport://app/.env',
    'rapport://app/.git/config',
    'rapport://app/assets/.hidden.js',
    'rapport://app/index.html::$DATA',
    'rapport://app/CON.js',
    'rapport://app/assets/nul.txt',
    'rapport://app/%E0%A4%A',
    'rapport://app/%',
  ];
  it.each(hostile)('refuses or confines %j', (url) => {
    const file = resolveAppPath(ROOT, url);
    if (file !== null) expect(file.startsWith(`${ROOT}/`), file).toBe(true);
  });

  it.each([
    'rapport://app/%252e%252e/secret.txt',
    'rapport://app/..%2fsecret.txt',
    'rapport://app/assets/..%5c..%5csecret.txt',
    'rapport://app/index.html%00.png',
    'rapport://app/.env',
    'rapport://app/CON.js',
    'rapport://app/C%3a%5cWindows%5cwin.ini',
    'rapport://app/%E0%A4%A',
  ])('refuses %j outright', (url) => {
    expect(resolveAppPath(ROOT, url)).toBeNull();
  });

  it.each([
    'rapport://app.evil/index.html',
    'rapport://evil/index.html',
    'rapport://app@evil/index.html',
    'rapport://user:pw@app/index.html',
    'rapport://app:8080/index.html',
    'rapport:/index.html',
    'http://app/index.html',
    'file:///srv/rapport/out/renderer/index.html',
    'not a url',
    '',
  ])('refuses other origins: %j', (url) => {
    expect(resolveAppPath(ROOT, url)).toBeNull();
  });

  // Raw request paths, as an HTTP server sees them before any URL normalisation.
  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2e/%2e%2E/secret.txt',
    '/.%2e/secret.txt',
    '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/..%5c..%5csecret.txt',
    '/%252e%252e%252fsecret.txt',
    '/./index.html',
    '//etc/passwd.txt',
    '/\\server\\share\\x.js',
    '/C:%5cWindows%5cwin.ini',
    '/index.html%00.js',
  ])('refuses the raw path %j', (pathname) => {
    expect(resolveRequestPath(ROOT, pathname)).toBeNull();
  });

  it('needs an absolute root', () => {
    expect(resolveRequestPath('out/renderer', '/index.html')).toBeNull();
    expect(resolveRequestPath(ROOT, 'index.html')).toBeNull();
  });
});

describe('mimeTypeFor', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['a.js', 'text/javascript; charset=utf-8'],
    ['a.mjs', 'text/javascript; charset=utf-8'],
    ['a.css', 'text/css; charset=utf-8'],
    ['a.json', 'application/json; charset=utf-8'],
    ['a.svg', 'image/svg+xml'],
    ['A.PNG', 'image/png'],
    ['a.woff2', 'font/woff2'],
    ['a.wasm', 'application/wasm'],
    ['a.exe', 'application/octet-stream'],
    ['noext', 'application/octet-stream'],
  ])('%s → %s', (file, type) => expect(mimeTypeFor(file)).toBe(type));
});

describe('cacheControlFor', () => {
  const IMMUTABLE = 'public, max-age=31536000, immutable';
  it.each([
    // Vite's build names: a content hash of 8 URL-safe characters after the last dash.
    ['/assets/index-CssfAzG7.js', IMMUTABLE],
    ['/assets/contract-fD-C9BAz.js', IMMUTABLE],
    ['/assets/useForm-Dgm3KJ_r.js', IMMUTABLE],
    ['/assets/index-BBhUqRIo.css', IMMUTABLE],
    ['/assets/inter-latin-4vn5XnQ1.woff2', IMMUTABLE],
    // What names the current assets, or may change without its name changing, is asked for again.
    ['/', 'no-cache'],
    ['/index.html', 'no-cache'],
    ['/customers/42', 'no-cache'],
    ['/assets/app.js', 'no-cache'],
    ['/assets/index-CssfAzG.js', 'no-cache'],
    ['/assets/nested/index-CssfAzG7.js', 'no-cache'],
    ['/index-CssfAzG7.js', 'no-cache'],
    ['/__rapport/preload.js', 'no-cache'],
  ])('%s → %s', (pathname, value) => expect(cacheControlFor(pathname)).toBe(value));
});

describe('createAppProtocolHandler', () => {
  let dir: string;
  let root: string;
  let handler: (request: Request) => Promise<Response>;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rapport-protocol-'));
    root = join(dir, 'renderer');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Rapport</title>');
    writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(root, 'assets', 'app.css'), 'body{}');
    writeFileSync(join(root, 'assets', 'app-CssfAzG7.js'), 'console.log(2)');
    writeFileSync(join(dir, 'secret.txt'), 'secret');
    // A symlink inside the root pointing out of it must not be followed.
    symlinkSync(join(dir, 'secret.txt'), join(root, 'assets', 'link.txt'));
    handler = createAppProtocolHandler(root);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves files with their MIME type, nosniff and the CSP', async () => {
    const response = await handler(new Request('rapport://app/assets/app.js'));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('console.log(1)');
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
    const css = await handler(new Request('rapport://app/assets/app.css'));
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('lets the build’s hashed assets be kept, and asks for index.html every time', async () => {
    const hashed = await handler(new Request('rapport://app/assets/app-CssfAzG7.js'));
    expect(await hashed.text()).toBe('console.log(2)');
    expect(hashed.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    for (const url of ['rapport://app/', 'rapport://app/customers/7', 'rapport://app/assets/app.js'])
      expect((await handler(new Request(url))).headers.get('cache-control'), url).toBe('no-cache');
  });

  it('serves index.html for the root and for SPA routes', async () => {
    for (const url of ['rapport://app/', 'rapport://app/customers/7']) {
      const response = await handler(new Request(url));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(await response.text()).toContain('<title>Rapport</title>');
    }
  });

  it('answers 404 for missing files, traversal and symlinks out of the root', async () => {
    for (const url of [
      'rapport://app/assets/missing.js',
      'rapport://app/%2e%2e/secret.txt',
      'rapport://app/assets/link.txt',
      'rapport://evil/index.html',
    ]) {
      const response = await handler(new Request(url));
      expect(response.status, url).toBe(404);
      expect(await response.text()).not.toContain('secret');
    }
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await handler(new Request('rapport://app/', { method: 'POST', body: 'x' }))).status).toBe(405);
    const head = await handler(new Request('rapport://app/', { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});
