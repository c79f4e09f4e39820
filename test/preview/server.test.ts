import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../src-main/ipc/assemble';
import { dispatch } from '../../src-main/ipc/register';
import { contentSecurityPolicy } from '../../src-main/platform/security';
import { api, type Channel } from '../../src-main/shared/api';
import { freshStore } from '../helpers/store';
import { MAX_EVENT_STREAMS } from '../../src-main/preview/fakeElectron';
import { postToBridge, rawRequest, startFixture, type PreviewFixture } from './support';

let fx: PreviewFixture;
let host: string;
beforeAll(async () => {
  fx = await startFixture();
  host = new URL(fx.preview.origin).host;
});
afterAll(() => fx.cleanup());

const get = (path: string, headers: Record<string, string> = {}) =>
  rawRequest(fx.preview.origin, { path, headers: { host, ...headers } });

const invoke = (body: unknown, headers: Record<string, string> = {}) => postToBridge(fx.preview, body, headers);

describe('startPreview', () => {
  it('listens on loopback only and prints a URL carrying the secret in the fragment', () => {
    expect(fx.preview.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(fx.preview.url).toBe(`${fx.preview.origin}/#rapport-token=${fx.preview.token}`);
    expect(fx.preview.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(fx.preview.databasePath).toBe(fx.dbPath);
    expect(existsSync(fx.dbPath)).toBe(true);
  });

  it('is not reachable on other interfaces', async () => {
    const external = Object.values(networkInterfaces())
      .flat()
      .find((address) => address && address.family === 'IPv4' && !address.internal);
    if (!external) return; // no other interface on this machine
    const port = new URL(fx.preview.origin).port;
    const error = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
      const req = request({ hostname: external.address, port, path: '/', timeout: 2000 }, () => resolve(null));
      req.on('error', (e) => resolve(e));
      req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
      req.end();
    });
    expect(error?.code).toMatch(/ECONNREFUSED|ETIMEDOUT|EHOSTUNREACH/);
  });
});

describe('Host header (DNS rebinding)', () => {
  it.each([
    'evil.example',
    'evil.example:80',
    '127.0.0.1',
    '127.0.0.1:1',
    '127.0.0.1.nip.io',
    'localhost',
    '[::1]',
    '0.0.0.0',
  ])('refuses Host %j', async (forged) => {
    const response = await rawRequest(fx.preview.origin, { path: '/', headers: { host: forged } });
    expect(response.status).toBe(421);
    expect(response.body).not.toContain('<html');
  });

  it('refuses a request without a Host header', async () => {
    const { hostname, port } = new URL(fx.preview.origin);
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), hostname, () => socket.end('GET / HTTP/1.0\r\n\r\n'));
      let data = '';
      socket.on('data', (chunk) => (data += chunk.toString('utf8')));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    expect(reply).toMatch(/^HTTP\/1\.[01] 421/);
  });

  it('refuses a rebinding host even with a valid token', async () => {
    const response = await invoke(
      { channel: 'rapport:app.info', input: {} },
      { host: `evil.example:${new URL(fx.preview.origin).port}` },
    );
    expect(response.status).toBe(421);
  });

  it('accepts only 127.0.0.1 on its own port, the address it prints', async () => {
    expect((await get('/')).status).toBe(200);
    // localhost would be another origin, whose calls the bridge would refuse anyway.
    expect((await get('/', { host: `localhost:${new URL(fx.preview.origin).port}` })).status).toBe(421);
  });
});

describe('static files', () => {
  it('serves index.html with the preload injected first in <head> and the CSP header', async () => {
    const response = await get('/');
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-security-policy']).toBe(contentSecurityPolicy());
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    const head = response.body.slice(response.body.indexOf('<head>'));
    expect(head.indexOf('<script src="/__rapport/preload.js"></script>')).toBeGreaterThan(0);
    expect(head.indexOf('/__rapport/preload.js')).toBeLessThan(head.indexOf('./assets/app.js'));
    expect(response.body).not.toContain(fx.preview.token);
  });

  it('serves SPA routes as index.html and assets with their type', async () => {
    expect((await get('/customers/42')).body).toContain('Stub renderer');
    const js = await get('/assets/app.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('lets the build’s hashed assets be kept, and asks for index.html every time', async () => {
    const hashed = await get('/assets/chunk-CssfAzG7.js');
    expect(hashed.body).toBe('export const hashed = true;\n');
    expect(hashed.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const path of ['/', '/customers/42', '/assets/app.js'])
      expect((await get(path)).headers['cache-control'], path).toBe('no-cache');
  });

  it.each([
    '/../outside.txt',
    '/assets/../../outside.txt',
    '/%2e%2e/outside.txt',
    '/..%2foutside.txt',
    '/..%5coutside.txt',
    '/%252e%252e/outside.txt',
    '/assets/missing.js',
    '/.env',
    '//etc/passwd.txt',
  ])('does not serve %s', async (path) => {
    const response = await get(path);
    expect(response.status).toBe(404);
    expect(response.body).not.toContain('outside the renderer');
  });

  it('answers the browser’s favicon request without a 404', async () => {
    // The fixture passes no icon: nothing to show, but no console error either.
    expect((await get('/favicon.ico')).status).toBe(204);
  });

  it('refuses writes to static paths', async () => {
    expect(
      (await rawRequest(fx.preview.origin, { method: 'PUT', path: '/index.html', headers: { host }, body: 'x' }))
        .status,
    ).toBe(405);
  });

  it('serves the real preload wrapped in the electron shim, without the secret', async () => {
    const response = await get('/__rapport/preload.js');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(response.body).toContain('exposeInMainWorld("rapport"');
    expect(response.body).toContain('previewRequire');
    expect(response.body).not.toContain(fx.preview.token);
  });
});

describe('bridge calls', () => {
  it('serves a valid call through the real handlers', async () => {
    const response = await invoke({ channel: 'rapport:app.info', input: {} });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({
      ok: true,
      value: { version: '9.9.9-test', databasePath: fx.dbPath, platform: process.platform },
    });
  });

  it('passes an absent input as undefined, as IPC would', async () => {
    const response = await invoke({ channel: 'rapport:settings.get' });
    expect(JSON.parse(response.body)).toMatchObject({ ok: true, value: { onboarded: expect.any(Boolean) } });
  });

  it.each([
    ['no token', { 'x-rapport-token': '' }],
    ['a wrong token', { 'x-rapport-token': 'A'.repeat(43) }],
    ['a token prefix', { 'x-rapport-token': 'x' }],
  ])('refuses %s', async (_label, headers) => {
    const response = await invoke({ channel: 'rapport:app.info', input: {} }, headers);
    expect(response.status).toBe(403);
    expect(response.body).not.toContain('databasePath');
  });

  it('refuses a token sent somewhere other than the header', async () => {
    const response = await rawRequest(fx.preview.origin, {
      method: 'POST',
      path: `/__rapport/invoke?rapport-token=${fx.preview.token}`,
      headers: {
        host,
        origin: fx.preview.origin,
        'content-type': 'application/json',
        cookie: `token=${fx.preview.token}`,
      },
      body: JSON.stringify({ channel: 'rapport:app.info', input: {} }),
    });
    expect(response.status).toBe(403);
  });

  it.each([
    'https://evil.example',
    'null',
    'http://localhost:{port}',
    'http://127.0.0.1',
    'https://127.0.0.1:{port}',
    'http://127.0.0.1:{port}.evil.example',
    'http://127.0.0.1:1',
  ])('refuses Origin %s', async (template) => {
    const origin = template.replace('{port}', new URL(fx.preview.origin).port);
    expect((await invoke({ channel: 'rapport:app.info', input: {} }, { origin })).status).toBe(403);
  });

  it('refuses a call without an Origin header', async () => {
    const response = await rawRequest(fx.preview.origin, {
      method: 'POST',
      path: '/__rapport/invoke',
      headers: { host, 'content-type': 'application/json', 'x-rapport-token': fx.preview.token },
      body: JSON.stringify({ channel: 'rapport:app.info', input: {} }),
    });
    expect(response.status).toBe(403);
  });

  it.each(['rapport:app.quit', 'app.info', 'rapport:', 'rapport:__proto__', 'rapport:constructor', 'toString', ''])(
    'answers 404 for the unknown channel %j',
    async (channel) => {
      const response = await invoke({ channel, input: {} });
      expect(response.status).toBe(404);
      expect(JSON.parse(response.body).error).toMatch(/No handler registered/);
    },
  );

  it('refuses non-JSON bodies and content types a cross-site form could send', async () => {
    expect((await invoke('{not json')).status).toBe(400);
    expect((await invoke({ input: {} })).status).toBe(400);
    expect((await invoke([1, 2])).status).toBe(400);
    expect((await invoke({ channel: 'rapport:app.info' }, { 'content-type': 'text/plain' })).status).toBe(415);
    expect(
      (await invoke({ channel: 'rapport:app.info' }, { 'content-type': 'application/x-www-form-urlencoded' })).status,
    ).toBe(415);
  });

  it('refuses oversized bodies', async () => {
    const response = await invoke({
      channel: 'rapport:customers.create',
      input: { name: 'x'.repeat(2 * 1024 * 1024) },
    });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body).error).toBe('body too large');
  });

  it('returns validation envelopes from registerApi', async () => {
    const response = await invoke({ channel: 'rapport:customers.create', input: { name: '' } });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', issues: [{ path: 'name', message: 'errors.required' }] },
    });
  });

  it('applies the sender check: a subframe is refused', async () => {
    const response = await invoke({ channel: 'rapport:app.info', input: {} }, { 'x-rapport-frame': 'sub' });
    expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('refuses unknown bridge routes and methods', async () => {
    const headers = { host, 'x-rapport-token': fx.preview.token };
    expect((await rawRequest(fx.preview.origin, { path: '/__rapport/invoke', headers })).status).toBe(404);
    expect((await rawRequest(fx.preview.origin, { path: '/__rapport/secret', headers })).status).toBe(404);
  });
});

describe('events', () => {
  it('needs the secret', async () => {
    expect((await get('/__rapport/events')).status).toBe(403);
  });

  /** The first data.changed the page's event stream carries after `channel` is called. */
  function streamedChange(channel: Channel, input: unknown): Promise<unknown> {
    const { hostname, port } = new URL(fx.preview.origin);
    return new Promise((resolve, reject) => {
      const req = request(
        { hostname, port, path: '/__rapport/events', headers: { host, 'x-rapport-token': fx.preview.token } },
        (res) => {
          expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
          let buffer = '';
          res.on('data', (chunk: Buffer) => {
            buffer += chunk.toString('utf8');
            const events = buffer
              .split('\n')
              .slice(0, -1) // the last line may still be arriving
              .filter((l) => l.startsWith('data: '))
              .map((l) => JSON.parse(l.slice(6)) as { channel: string; payload: unknown });
            const changed = events.find((e) => e.channel === 'rapport-event:data.changed');
            if (changed) {
              resolve(changed.payload);
              req.destroy();
            }
          });
          // Once connected, make a change.
          void invoke({ channel: `rapport:${channel}`, input });
        },
      );
      req.on('error', reject);
      req.end();
    });
  }

  it('serves at most MAX_EVENT_STREAMS streams; more are refused and requests stay answered', async () => {
    const { hostname, port } = new URL(fx.preview.origin);
    const open = (): Promise<{ status: number; close: () => void }> =>
      new Promise((resolve, reject) => {
        const req = request(
          { hostname, port, path: '/__rapport/events', headers: { host, 'x-rapport-token': fx.preview.token } },
          (res) => {
            res.resume();
            resolve({ status: res.statusCode ?? 0, close: () => req.destroy() });
          },
        );
        req.on('error', reject);
        req.end();
      });
    const streams = [];
    for (let i = 0; i < MAX_EVENT_STREAMS + 4; i++) streams.push(await open());
    try {
      const statuses = streams.map((s) => s.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(MAX_EVENT_STREAMS);
      expect(statuses.slice(MAX_EVENT_STREAMS)).toEqual([429, 429, 429, 429]);
      const reply = await invoke({ channel: 'rapport:settings.get', input: null });
      expect(reply.status).toBe(200);
      // A closed stream frees its place.
      streams[0]!.close();
      await new Promise((r) => setTimeout(r, 100));
      const again = await open();
      expect(again.status).toBe(200);
      streams.push(again);
    } finally {
      for (const s of streams) s.close();
      await new Promise((r) => setTimeout(r, 100));
    }
  });

  it('streams data.changed after a write', async () => {
    expect(await streamedChange('products.create', { name: 'Widget' })).toEqual({ entities: ['products'] });
  });

  // The app's handlers (platform/main.ts) and the preview's come from the same createHandlers,
  // which announces what each command's contract declares.
  it.each<[Channel, unknown]>([
    ['customers.create', { name: 'Nina' }],
    ['settings.update', { language: 'en' }],
    ['onboarding.start', { mode: 'empty' }],
  ])('streams for %s what dispatch announces in the app', async (channel, input) => {
    const streamed = await streamedChange(channel, input);
    const t = await freshStore();
    try {
      const announced: unknown[] = [];
      const handlers = createHandlers(t.store, {
        version: 'test',
        platform: 'test',
        emit: (event, payload) => announced.push({ event, payload }),
      });
      expect(await dispatch(handlers, channel, input, () => undefined)).toMatchObject({ ok: true });
      expect(announced).toEqual([{ event: 'data.changed', payload: streamed }]);
      expect(streamed).toEqual({ entities: [...api[channel].writes] });
    } finally {
      await t.cleanup();
    }
  });
});
