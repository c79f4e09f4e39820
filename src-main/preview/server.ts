import { randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readFile, realpath } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve, sep } from 'node:path';
import { emit, registerApi, type Logger } from '../ipc/register';
import { cacheControlFor, mimeTypeFor, resolveRequestPath, securityHeaders } from '../platform/protocol';
import { startBackend, type BackendOptions } from '../backend/host';
import type { ImportPacing } from '../features/imports';
import { DUE_REMINDERS, dueRemindersJob, NOTIFY_EVERY_MS } from '../platform/notifications';
import { createScheduler } from '../kernel/scheduler';
import { localIsoDate } from '../shared/dates';
import { PREVIEW_LIBRARY_FOLDER } from '../features/exchange';
import { dailyBackupJob } from '../features/backups';
import { createMediaHandler } from '../platform/media';
import { acceptDrop } from '../ipc/drop';
import { mediaUrlOfRoute, previewDropPaths, rewriteMediaUrls } from './library';
import { CANCEL_CHANNEL } from '../preload/channels';
import { FRAME_HEADER, injectPreloadTag, PREVIEW_PATH, TOKEN_HEADER, TOKEN_PARAM, wrapPreload } from './browserShim';
import { FakeIpcMain, SseWebContents } from './fakeElectron';

/** The shortest time between two reminder runs that a page's first screen starts. */
const REMINDERS_ON_FIRST_SCREEN_GAP_MS = 5_000;

/**
 * The browser preview: the production renderer and the real backend (same services, same
 * SQLite file, in a database thread as in the app: backend/host.ts) in an ordinary browser,
 * for development and end-to-end tests where Electron cannot run. Not part of the packaged app.
 *
 * Who may call it: the server binds to 127.0.0.1 only; it answers only requests whose Host
 * is its own loopback address (a DNS-rebinding page on evil.example resolving to
 * 127.0.0.1 still sends `Host: evil.example`); and every bridge call must carry the
 * per-run secret, which only the URL printed on the terminal contains. Other local users
 * could connect, but not without the secret; anyone who can read the terminal or the
 * database file already has the data.
 */

export interface PreviewOptions {
  /** The SQLite file (created and migrated if needed), as for the app and the CLI. */
  dbPath: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** The built renderer, normally `out/renderer`. */
  rendererDir: string;
  /** The built preload bundle; `<rendererDir>/../preload/index.cjs` by default. */
  preloadPath?: string;
  version?: string;
  /** A PNG served as /favicon.ico when the renderer has none (the browser asks for one). */
  faviconPath?: string;
  log?: Logger;
  /** How often to look for newly due follow-ups (NOTIFY_EVERY_MS by default; tests go faster). */
  notifyEveryMs?: number;
  /** Tests only: how each import is paced, so a test can hold one at a known point (see ImportPacing). */
  importPacing?: () => ImportPacing | undefined;
}

export interface Preview {
  /** Full URL including the secret: open this one. */
  url: string;
  /** `http://127.0.0.1:<port>`: the only origin the bridge serves. */
  origin: string;
  token: string;
  databasePath: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;
const HOST = '127.0.0.1';

export async function startPreview(options: PreviewOptions): Promise<Preview> {
  const log = options.log ?? ((message, error) => console.error(`[preview] ${message}`, error ?? ''));
  const rendererDir = resolve(options.rendererDir);
  const preloadPath = resolve(options.preloadPath ?? join(rendererDir, '..', 'preload', 'index.cjs'));
  // Fail now, with a clear message, rather than serve a page without its bridge.
  const preloadSource = await readFile(preloadPath, 'utf8').catch(() => {
    throw new Error(`Preload bundle not found at ${preloadPath}; run \`npx electron-vite build\` first.`);
  });
  const preloadScript = wrapPreload(preloadSource);
  const rendererRoot = await realpath(rendererDir).catch(() => rendererDir);

  if (options.dbPath !== ':memory:') mkdirSync(dirname(resolve(options.dbPath)), { recursive: true });

  const token = randomBytes(32).toString('base64url');
  // Opens /__rapport/media/ and nothing else: it rides in <audio>/<img> URLs (see library.ts).
  const mediaKey = randomBytes(24).toString('base64url');
  const ipcMain = new FakeIpcMain();
  const webContents = new SseWebContents();
  const emitToPage: BackendOptions['emit'] = (event, payload) => {
    try {
      emit(webContents, event, payload);
    } catch (error) {
      log(`could not emit ${event}`, error);
    }
  };
  const scheduler = createScheduler(log);
  let remindersOnFirstScreenAt = -Infinity;
  // No native dialogs in a browser: files are saved to, and backups restored from, one folder
  // next to the database. A restore reopens the new file in the database thread, where the
  // desktop app relaunches instead.
  const files = join(dirname(resolve(options.dbPath)), 'preview-files');
  const backend = await startBackend({
    file: options.dbPath,
    version: options.version ?? '0.0.0-preview',
    platform: process.platform,
    log,
    emit: emitToPage,
    dialogs: { folder: files },
    // A page's first screen has its data: what is due now can be shown to it. Once for a
    // burst of pages (tabs reopening together), not once per page.
    firstScreenShown: () => {
      const at = Date.now();
      if (at - remindersOnFirstScreenAt < REMINDERS_ON_FIRST_SCREEN_GAP_MS) return;
      remindersOnFirstScreenAt = at;
      void scheduler.run(DUE_REMINDERS);
    },
    ...(options.importPacing ? { importPacing: options.importPacing } : {}),
  });
  // The very handler the desktop app registers for rapport-media://.
  const mediaHandler = createMediaHandler({ lookup: backend.media, allowedOrigin: null, log });
  let origin = '';
  let nextRequestId = 1;
  const allowedHosts = new Set<string>();

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      log('request failed', error);
      if (!response.headersSent) sendJson(response, 500, { error: 'internal error' });
      else response.end();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!allowedHosts.has(request.headers.host ?? '')) {
      sendJson(response, 421, { error: `unexpected Host header; open ${origin}/ instead` });
      return;
    }
    let url: URL;
    try {
      url = new URL(request.url ?? '/', origin);
    } catch {
      sendJson(response, 400, { error: 'bad request target' });
      return;
    }
    if (url.pathname.startsWith(`${PREVIEW_PATH}/`)) {
      await handleBridge(request, response, url.pathname.slice(PREVIEW_PATH.length), url);
      return;
    }
    await serveStatic(request, response, url.pathname);
  }

  async function handleBridge(
    request: IncomingMessage,
    response: ServerResponse,
    route: string,
    url: URL,
  ): Promise<void> {
    if (route === '/preload.js' && request.method === 'GET') {
      // Public: the preload's code holds no secret; the token only ever lives in the page.
      response.writeHead(200, {
        'Content-Type': 'text/javascript; charset=utf-8',
        'Cache-Control': 'no-store',
        ...securityHeaders(),
      });
      response.end(preloadScript);
      return;
    }
    if (route.startsWith('/media/')) {
      await serveMedia(request, response, route.slice('/media/'.length), url.searchParams.get('key') ?? '');
      return;
    }
    if (!hasToken(request)) {
      sendJson(response, 403, { error: 'missing or wrong preview secret' });
      return;
    }
    if (route === '/dropped' && request.method === 'POST') {
      await handleDropped(request, response);
      return;
    }
    if (route === '/invoke' && request.method === 'POST') {
      await handleInvoke(request, response);
      return;
    }
    if (route === '/events' && request.method === 'GET') {
      if (webContents.full) {
        sendJson(response, 429, { error: 'too many event streams: close other Rapport tabs' });
        return;
      }
      response.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
        ...securityHeaders(),
      });
      response.write(': connected\n\n');
      webContents.attach(response);
      return;
    }
    sendJson(response, 404, { error: 'not found' });
  }

  /** A POSTed JSON body from our page (its Origin, JSON), or undefined once an error has been sent. */
  async function readPageJson(request: IncomingMessage, response: ServerResponse): Promise<unknown> {
    // Browsers always send Origin on a POST; its absence or any other value means the
    // caller is not our page (a curl with a leaked token is refused too).
    if (request.headers.origin !== origin) {
      sendJson(response, 403, { error: 'wrong origin' });
      return undefined;
    }
    if (!/^application\/json(;|$)/i.test(request.headers['content-type'] ?? '')) {
      sendJson(response, 415, { error: 'expected application/json' });
      return undefined;
    }
    try {
      return JSON.parse(await readBody(request, MAX_BODY_BYTES)) as unknown;
    } catch (error) {
      sendJson(response, 400, { error: (error as Error).message === 'too large' ? 'body too large' : 'invalid JSON' });
      return undefined;
    }
  }

  async function handleInvoke(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readPageJson(request, response);
    if (body === undefined) return;
    if (typeof body !== 'object' || body === null || typeof (body as { channel?: unknown }).channel !== 'string') {
      sendJson(response, 400, { error: 'expected { channel, input }' });
      return;
    }
    const { channel, input } = body as { channel: string; input?: unknown };
    if (!ipcMain.has(channel)) {
      sendJson(response, 404, { error: `No handler registered for '${channel.slice(0, 100)}'` });
      return;
    }
    // The page's frame URL as Chromium would report it: its origin is the one verified
    // above; whether it is the top frame is the page's own statement (the preview's
    // frame-ancestors 'none' keeps other sites from framing it in the first place).
    const isMainFrame = request.headers[FRAME_HEADER] === 'main';
    const event = { senderFrame: { url: `${origin}/`, parent: isMainFrame ? null : {} } };
    // Every call over HTTP is cancellable: a page that aborts its fetch (or goes) closes the
    // request before its answer, and main is told as the preload would tell it.
    const requestId = nextRequestId++;
    response.on('close', () => {
      if (!response.writableFinished) ipcMain.send(CANCEL_CHANNEL, event, requestId);
    });
    const envelope = await ipcMain.invoke(channel, event, input, requestId);
    // Media URLs become the preview's own (see library.ts); everything else is as main sent it.
    sendJson(response, 200, rewriteMediaUrls(envelope, `${origin}${PREVIEW_PATH}`, mediaKey));
  }

  /**
   * The stand-in preload's drop message: names of files dropped on the page, standing for
   * those in the preview's library folder; then exactly what the desktop app does with a drop.
   */
  async function handleDropped(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readPageJson(request, response);
    if (body === undefined) return;
    const names = (body as { names?: unknown } | null)?.names;
    const shelf = join(files, PREVIEW_LIBRARY_FOLDER);
    const paths = acceptDrop(previewDropPaths(names, shelf), {
      picks: { add: backend.pick },
      emit: (event, payload) => emit(webContents, event, payload),
    });
    sendJson(response, 200, { paths: paths.length });
  }

  /** /__rapport/media/<item|cover>/<id>?key=…: the media protocol's handler, over HTTP. */
  async function serveMedia(
    request: IncomingMessage,
    response: ServerResponse,
    route: string,
    key: string,
  ): Promise<void> {
    if (!sameSecret(key, mediaKey)) {
      sendJson(response, 403, { error: 'missing or wrong media key' });
      return;
    }
    // Request refuses some methods outright (CONNECT, TRACE); the handler answers the rest.
    const method = request.method === 'GET' || request.method === 'HEAD' ? request.method : 'OPTIONS';
    const headers = new Headers();
    for (const name of ['range', 'if-range']) {
      const value = request.headers[name];
      if (typeof value === 'string') headers.set(name, value);
    }
    const reply = await mediaHandler(new Request(mediaUrlOfRoute(route), { method, headers }));
    response.writeHead(reply.status, Object.fromEntries(reply.headers));
    if (!reply.body || request.method === 'HEAD') {
      response.end();
      return;
    }
    const body = Readable.fromWeb(reply.body as NodeReadableStream<Uint8Array>);
    // A player that seeks drops the connection mid-file: the file is closed, not read on.
    response.on('close', () => body.destroy());
    body.on('error', () => response.destroy());
    body.pipe(response);
  }

  function hasToken(request: IncomingMessage): boolean {
    return sameSecret(String(request.headers[TOKEN_HEADER] ?? ''), token);
  }

  async function serveStatic(request: IncomingMessage, response: ServerResponse, pathname: string): Promise<void> {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      sendJson(response, 405, { error: 'method not allowed' });
      return;
    }
    const file = resolveRequestPath(rendererDir, pathname);
    let body: Buffer | null = null;
    if (file !== null) {
      try {
        const real = await realpath(file);
        if (real.startsWith(rendererRoot + sep)) body = await readFile(real);
      } catch {
        body = null;
      }
    }
    if (body === null && pathname === '/favicon.ico') {
      await serveFavicon(request, response);
      return;
    }
    if (file === null || body === null) {
      sendJson(response, 404, { error: 'not found' });
      return;
    }
    const isIndex = file === join(rendererDir, 'index.html');
    const content = isIndex ? Buffer.from(injectPreloadTag(body.toString('utf8'))) : body;
    response.writeHead(200, {
      'Content-Type': mimeTypeFor(file),
      'Content-Length': content.length,
      'Cache-Control': cacheControlFor(pathname),
      ...securityHeaders(),
    });
    response.end(request.method === 'HEAD' ? undefined : content);
  }

  async function serveFavicon(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const icon = options.faviconPath ? await readFile(options.faviconPath).catch(() => null) : null;
    if (!icon) {
      response.writeHead(204, securityHeaders());
      response.end();
      return;
    }
    response.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': icon.length, ...securityHeaders() });
    response.end(request.method === 'HEAD' ? undefined : icon);
  }

  try {
    await new Promise<void>((resolveListen, rejectListen) => {
      server.once('error', rejectListen);
      server.listen(options.port ?? 0, HOST, () => resolveListen());
    });
  } catch (error) {
    await backend.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  origin = `http://${HOST}:${port}`;
  // Only the exact address printed: a page opened as localhost:<port> would have another
  // origin, which the bridge (rightly) refuses, so it is turned away at the door instead.
  allowedHosts.add(`${HOST}:${port}`);

  registerApi(ipcMain, backend.dispatch, { allowedOrigin: origin, log });
  // The same reminder poller as the desktop app; a browser gets the care.due event only (the
  // page shows it), no system notification. It first runs when a page's first screen is shown
  // (app.firstScreenShown).
  scheduler.add(
    dueRemindersJob({
      everyMs: options.notifyEveryMs ?? NOTIFY_EVERY_MS,
      check: async () => {
        const found = await backend.reminders(new Date());
        if (!found) return [];
        // Goals behind pace ride on the same poll, as in the desktop app.
        if (found.behind.items.length > 0) emitToPage('goals.behind', found.behind);
        return found.due;
      },
      notify: (items) => emitToPage('care.due', { asOf: localIsoDate(new Date()), items }),
    }),
  );
  // The daily automatic backup, as in the desktop app, of whichever store is open.
  if (options.dbPath !== ':memory:') scheduler.add(dailyBackupJob(backend.dailyBackup));
  scheduler.add({ name: 'keep-alive', everyMs: 15_000, run: () => webContents.ping() });

  let closing: Promise<void> | null = null;
  return {
    url: `${origin}/#${TOKEN_PARAM}=${token}`,
    origin,
    token,
    databasePath: backend.opened.file,
    close: () => {
      closing ??= (async () => {
        scheduler.stop();
        webContents.destroy();
        await new Promise<void>((done) => {
          server.close(() => done());
          server.closeAllConnections();
        });
        await backend.close();
      })();
      return closing;
    },
  };
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    ...securityHeaders(),
  });
  response.end(body);
}

function readBody(request: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolveBody, rejectBody) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Stop buffering but keep draining, so the 400 reply still reaches the client.
        request.removeAllListeners('data');
        request.resume();
        rejectBody(new Error('too large'));
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    request.on('error', rejectBody);
  });
}
