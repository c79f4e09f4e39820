import Database from 'better-sqlite3';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { InvokeEvent } from '../../src-main/ipc/register';
import { BLOCKED_URL_PATTERNS } from '../../src-main/platform/guards';
import { notificationContent } from '../../src-main/platform/notifications';
import { printWindowOptions, PRINT_PARTITION } from '../../src-main/platform/printPdf';
import {
  APP_ORIGIN,
  APP_SCHEME,
  contentSecurityPolicy,
  MEDIA_SCHEME,
  windowOptions,
} from '../../src-main/platform/security';
import { DROP_CHANNEL } from '../../src-main/preload/channels';
import { CHANNEL_PREFIX, CHANNELS, EVENT_PREFIX } from '../../src-main/shared/api';
import { addDays, localIsoDate } from '../../src-main/shared/dates';
import { translator } from '../../src-main/shared/locales/translate';
import { createFakeElectron, fakeEvent, type FakeElectron } from './fakeElectron';

/**
 * platform/main.ts, the Electron entry, loaded against a recording stand-in for `electron`
 * (fakeElectron.ts): everything it calls is the real code (database, handlers, guards, protocol
 * handlers, scheduler); only Electron is replaced. Each test loads a fresh copy of the module,
 * since the entry wires itself up as it is imported, as it does in the app.
 */

/** Node's better-sqlite3 build stands in for the Electron-ABI one the shell looks for (paths.ts). */
const NODE_BINDING = join(
  dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')),
  'build/Release/better_sqlite3.node',
);
/** Where main.ts's own folder puts the preload (../preload/index.cjs next to platform/). */
const PRELOAD = resolve('src-main/preload/index.cjs');
const t = translator('en');

const trusted: InvokeEvent = { senderFrame: { url: `${APP_ORIGIN}/sales`, parent: null } };
const forged: InvokeEvent[] = [
  { senderFrame: { url: 'https://evil.example/', parent: null } },
  { senderFrame: { url: 'rapport://app.evil/', parent: null } },
  { senderFrame: { url: `${APP_ORIGIN}/`, parent: { url: 'https://evil.example/' } } }, // a subframe
  { senderFrame: null }, // navigated away or destroyed
];

let dir: string;
let fake: FakeElectron | null = null;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rapport-main-'));
  vi.stubEnv('RAPPORT_DB', '');
  // The shell's file logger mirrors each line to the console; its file is read where it matters.
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});

afterEach(async () => {
  // Close a database left open the way the app does on quit.
  const quitting = fakeEvent();
  fake?.app.emit('will-quit', quitting);
  if (quitting.defaultPrevented)
    await vi.waitFor(() => expect(fake?.called('app.quit')).not.toEqual([]), { timeout: 20_000 });
  fake = null;
  vi.useRealTimers();
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  vi.doUnmock('electron');
  rmSync(dir, { recursive: true, force: true });
});

/** Imports a fresh main.ts against a fresh stand-in; nothing past the module's top level has run. */
async function load(options: { singleInstanceLock?: boolean; dir?: string } = {}): Promise<FakeElectron> {
  const made = createFakeElectron({ dir, ...options });
  mkdirSync(join(made.paths.appRoot!, '.electron-native'));
  symlinkSync(NODE_BINDING, join(made.paths.appRoot!, '.electron-native', 'better_sqlite3.node'));
  fake = made;
  vi.resetModules();
  vi.doMock('electron', () => made.module);
  await import('../../src-main/platform/main');
  return made;
}

/** `load`, then 'ready', then waits until startup has shown a page or given up. */
async function launch(options: { singleInstanceLock?: boolean; dir?: string } = {}): Promise<FakeElectron> {
  const made = await load(options);
  made.fireReady();
  await vi.waitFor(() => expect(made.indexOf(/^window0\.loadURL$|^app\.exit$/)).toBeGreaterThanOrEqual(0), {
    timeout: 20_000,
  });
  return made;
}

async function invoke(made: FakeElectron, channel: string, input?: unknown, event = trusted): Promise<unknown> {
  return made.ipcMain.invoke(CHANNEL_PREFIX + channel, event, input);
}

/** A call from the app's own page that must succeed; its value. */
async function call(made: FakeElectron, channel: string, input?: unknown): Promise<Record<string, unknown>> {
  const envelope = (await invoke(made, channel, input)) as { ok: boolean; value?: unknown; error?: unknown };
  expect(envelope, `${channel}: ${JSON.stringify(envelope)}`).toMatchObject({ ok: true });
  return envelope.value as Record<string, unknown>;
}

function sentEvents(made: FakeElectron, event: string): unknown[] {
  return (made.windows[0]?.webContents.sent ?? []).filter(([c]) => c === EVENT_PREFIX + event).map(([, p]) => p);
}

/** What no window of the app may ever be made without (security.ts, printPdf.ts). */
function expectSecure(options: { webPreferences?: Record<string, unknown> }): void {
  expect(options.webPreferences).toMatchObject({
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    webviewTag: false,
  });
}

describe('the Electron entry (platform/main.ts)', () => {
  it('enables the sandbox and registers its schemes before ready, and hardens the session before the first page loads', async () => {
    const made = await load();
    // Before 'ready': only what must happen then.
    expect(made.names()).toEqual(
      expect.arrayContaining(['protocol.registerSchemesAsPrivileged', 'app.setName', 'app.enableSandbox']),
    );
    expect(made.called('app.setName')[0]?.args).toEqual(['Rapport']);
    expect(made.called('protocol.registerSchemesAsPrivileged')[0]?.args[0]).toEqual([
      { scheme: APP_SCHEME, privileges: expect.objectContaining({ standard: true, secure: true }) },
      { scheme: MEDIA_SCHEME, privileges: expect.objectContaining({ standard: true, secure: true, stream: true }) },
    ]);
    expect(made.names()).not.toContain('protocol.handle');
    expect(made.windows).toEqual([]);

    made.fireReady();
    await vi.waitFor(() => expect(made.indexOf('window0.loadURL')).toBeGreaterThan(0), { timeout: 20_000 });
    const at = (name: string | RegExp): number => made.indexOf(name);
    const ready = at('ready');
    expect(at('app.enableSandbox')).toBeLessThan(ready);
    expect(at('protocol.registerSchemesAsPrivileged')).toBeLessThan(ready);
    // The app protocol serves after ready; the media one once the database is open.
    expect(made.called('protocol.handle').map((c) => c.args[0])).toEqual([APP_SCHEME, MEDIA_SCHEME]);
    expect(at('protocol.handle')).toBeGreaterThan(ready);

    // Hardened before the first page loads: the session, and every webContents as it is made.
    const load0 = at('window0.loadURL');
    expect(made.called('window0.loadURL')[0]?.args).toEqual([`${APP_ORIGIN}/`]);
    for (const step of [
      'session.default.setPermissionRequestHandler',
      'session.default.setPermissionCheckHandler',
      'session.default.webRequest.onBeforeRequest',
      'app.on:web-contents-created',
      'protocol.handle',
      'window0.webContents.on:will-navigate',
      'window0.webContents.on:will-redirect',
      'window0.webContents.on:will-attach-webview',
      'window0.webContents.setWindowOpenHandler',
    ]) {
      expect(at(step), step).toBeGreaterThan(ready);
      expect(at(step), step).toBeLessThan(load0);
    }

    // …and what was installed is the hardening, not a stand-in.
    const session = made.session.defaultSession;
    const granted: boolean[] = [];
    session.permissionRequest?.(null, 'media', (ok: boolean) => granted.push(ok), {
      requestingUrl: `${APP_ORIGIN}/`,
      isMainFrame: true,
    });
    expect(granted).toEqual([false]);
    expect(session.permissionCheck?.(null, 'geolocation', APP_ORIGIN, { isMainFrame: true })).toBe(false);
    expect(session.requestFilters.map((f) => f.filter)).toEqual([{ urls: BLOCKED_URL_PATTERNS }]);
    const answers: unknown[] = [];
    session.requestFilters[0]?.listener({ url: 'https://tracker.example/' }, (a: unknown) => answers.push(a));
    expect(answers).toEqual([{ cancel: true }]);

    const contents = made.windows[0]!.webContents;
    const navigation = fakeEvent();
    contents.emit('will-navigate', navigation, 'https://example.com/pricing');
    expect(navigation.defaultPrevented).toBe(true);
    expect(made.called('shell.openExternal').map((c) => c.args[0])).toEqual(['https://example.com/pricing']);
    expect(contents.windowOpenHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(made.called('shell.openExternal')).toHaveLength(1);

    // The app protocol answers with the security headers (CSP and the rest), even for a refusal.
    const response = await made.protocolHandlers.get(APP_SCHEME)!(new Request(`${APP_ORIGIN}/../../etc/passwd`));
    expect(response.status).toBe(404);
    expect(response.headers.get('Content-Security-Policy')).toBe(contentSecurityPolicy());
  });

  it('makes every window through the secure options: the main window and the hidden PDF printer', async () => {
    const made = await launch();
    const main = made.windows[0]!;
    expect(main.options.webPreferences).toEqual(
      windowOptions({
        preloadPath: PRELOAD,
        bounds: { width: 1, height: 1 },
        packaged: false,
        backgroundColor: '#ffffff',
      }).webPreferences,
    );
    expect(main.options.show).toBe(false);
    main.emit('ready-to-show');
    expect(made.names()).toContain('window0.show');

    // A coach report printed to PDF: a path picked in the save dialog, then the hidden window.
    const file = join(made.paths.documents!, 'report.pdf');
    made.dialogAnswers.push(file);
    const period = { from: '2026-06-01', to: '2026-06-30' };
    expect(await call(made, 'dialog.saveFile', { purpose: 'report-pdf', period })).toEqual({ path: file });
    const saved = await call(made, 'report.save', { options: period, format: 'pdf', path: file });
    expect(saved).toMatchObject({ path: file, format: 'pdf' });
    expect(readFileSync(file, 'latin1')).toMatch(/^%PDF-/);

    expect(made.windows).toHaveLength(2);
    const printer = made.windows[1]!;
    expect(printer.options).toEqual(printWindowOptions());
    expect(printer.options.webPreferences).toMatchObject({ javascript: false, partition: PRINT_PARTITION });
    // Its own session fenced to the page, the page a file (no network), the window gone after.
    expect(made.partitions.get(PRINT_PARTITION)?.requestFilters).toHaveLength(1);
    expect(made.called('window1.loadURL')[0]?.args[0]).toMatch(/^file:\/\/.*report\.html$/);
    expect(printer.destroyed).toBe(true);
    // Every webContents is guarded as it is made, the printer's too.
    expect(made.names()).toContain('window1.webContents.setWindowOpenHandler');

    for (const win of made.windows) expectSecure(win.options);
  });

  it('registers every IPC channel behind the sender check: a forged sender frame is refused on each', async () => {
    const made = await launch();
    const handled = made.called('ipcMain.handle').map((c) => c.args[0]);
    expect([...handled].sort()).toEqual(CHANNELS.map((c) => CHANNEL_PREFIX + c).sort());
    for (const channel of handled as string[]) {
      for (const event of forged) {
        expect(await made.ipcMain.invoke(channel, event, undefined), channel).toMatchObject({
          ok: false,
          error: { code: 'forbidden' },
        });
      }
    }
    // The app's own page is served, on the database the shell chose (userData, paths.ts).
    expect(await call(made, 'app.info')).toMatchObject({
      databasePath: join(made.paths.userData!, 'rapport.sqlite'),
      version: '0.0.0-fake',
    });
    // Files dropped on the window: only the page's own frame may hand them over.
    for (const event of forged) made.ipcMain.send(DROP_CHANNEL, event, ['/tmp/dropped.epub']);
    expect(sentEvents(made, 'library.dropped')).toEqual([]);
    made.ipcMain.send(DROP_CHANNEL, trusted, ['/tmp/dropped.epub']);
    expect(sentEvents(made, 'library.dropped')).toEqual([{ paths: [resolve('/tmp/dropped.epub')] }]);
  });

  it('a second instance quits at once; the running one comes forward on second-instance', async () => {
    const second = await load({ singleInstanceLock: false, dir: join(dir, 'second') });
    expect(second.names()).toContain('app.quit');
    second.fireReady();
    await new Promise((done) => setTimeout(done, 50));
    expect(second.names()).not.toContain('app.whenReady');
    expect(second.names()).not.toContain('app.on:second-instance');
    expect(second.windows).toEqual([]);

    const first = await launch();
    const win = first.windows[0]!;
    win.minimized = true;
    win.visible = false;
    const before = first.calls.length;
    first.app.emit('second-instance', fakeEvent(), ['rapport'], dir);
    expect(first.calls.slice(before).map((c) => c.name)).toEqual([
      'app:second-instance',
      'window0.restore',
      'window0.show',
      'window0.focus',
    ]);
  });

  it('remembers the window on close, quits when the last one closes, and makes a new secure one on activate', async () => {
    const made = await launch();
    const first = made.windows[0]!;
    first.emit('close', fakeEvent());
    expect(JSON.parse(readFileSync(join(made.paths.userData!, 'window-state.json'), 'utf8'))).toMatchObject({
      ...first.getNormalBounds(),
      maximized: false,
    });
    first.destroy();
    first.emit('closed');
    // A closed window is let go: nothing reaches for it afterwards.
    made.app.emit('second-instance', fakeEvent(), ['rapport'], dir);
    made.app.emit('window-all-closed');
    expect(made.names()).toContain('app.quit');

    made.app.emit('activate');
    expect(made.windows).toHaveLength(2);
    const second = made.windows[1]!;
    // The same options, at the bounds the first one was closed with.
    expect(second.options).toEqual({ ...first.options, ...first.getNormalBounds() });
    expectSecure(second.options);
    expect(made.called('window1.loadURL')[0]?.args).toEqual([`${APP_ORIGIN}/`]);
    made.app.emit('second-instance', fakeEvent(), ['rapport'], dir);
    expect(made.names()).toContain('window1.focus');
    made.app.emit('activate');
    expect(made.windows).toHaveLength(2);
  });

  it.each([
    [
      'a file that is not a database',
      (file: string) => writeFileSync(file, 'name,amount\nMario,12\n'.repeat(200)),
      'startup.databaseUnreadable',
    ],
    [
      'a database from a newer version',
      (file: string) => {
        const db = new Database(file);
        db.pragma('user_version = 9999');
        db.exec('CREATE TABLE future (id INTEGER PRIMARY KEY)');
        db.close();
      },
      'startup.databaseTooNew',
    ],
  ])('%s: the error box says so, no blank window is shown, the file is kept', async (_name, make, key) => {
    mkdirSync(join(dir, 'userData'));
    const file = join(dir, 'userData', 'rapport.sqlite');
    make(file);
    const before = readFileSync(file);
    const launched = await launch();

    expect(launched.called('app.exit').map((c) => c.args)).toEqual([[1]]);
    const [box, ...more] = launched.called('dialog.showErrorBox');
    expect(more).toEqual([]);
    expect(box?.args[0]).toBe(t('startup.errorTitle'));
    expect(box?.args[1]).toMatch(new RegExp(`^${literal(t(key))}\\n\\n${literal(file)}\\n`));
    expect(launched.windows).toEqual([]);
    expect(launched.names()).not.toContain('ipcMain.handle');
    expect(readFileSync(file)).toEqual(before);
    expect(readFileSync(join(launched.paths.logs!, 'main.log'), 'utf8')).toContain(`Cannot open database ${file}`);
  });

  it('startup fails past the database: the error box says so and the app exits, with no window left blank', async () => {
    const made = await load();
    made.module.protocol.handle = (scheme: string) => {
      throw new Error(`cannot register ${scheme}`);
    };
    made.fireReady();
    await vi.waitFor(() => expect(made.names()).toContain('app.exit'), { timeout: 20_000 });
    expect(made.called('app.exit').map((c) => c.args)).toEqual([[1]]);
    expect(made.called('dialog.showErrorBox').map((c) => c.args)).toEqual([
      [t('startup.errorTitle'), `${t('startup.failed')}\n\nError: cannot register ${APP_SCHEME}`],
    ]);
    expect(made.windows).toEqual([]);
    expect(readFileSync(join(made.paths.logs!, 'main.log'), 'utf8')).toContain('Startup failed');
  });

  it("the reminders poll once the page's first screen is shown and stop, with the database, on quit", async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const made = await launch();
    // A sale won ten days ago: its day-3 check-in is due.
    const customer = await call(made, 'customers.create', { name: 'Ada Lovelace' });
    const today = localIsoDate(new Date());
    const closedOn = addDays(today, -10);
    await call(made, 'sales.create', {
      title: 'Printer',
      customerId: customer.id,
      amountMinor: 10_000,
      currency: 'EUR',
      status: 'won',
      openedOn: closedOn,
      closedOn,
    });
    expect(vi.getTimerCount()).toBeGreaterThan(0);
    expect(sentEvents(made, 'care.due')).toEqual([]);

    // The page's load alone does not run the check: it would hold up the first screen's data.
    made.windows[0]!.webContents.emit('did-finish-load');
    expect(await call(made, 'customers.list', {})).toBeTruthy();
    expect(sentEvents(made, 'care.due')).toEqual([]);
    expect(await call(made, 'app.firstScreenShown', {})).toBeNull();
    await vi.waitFor(() => expect(sentEvents(made, 'care.due')).toHaveLength(1), { timeout: 20_000 });
    const [due] = sentEvents(made, 'care.due') as { asOf: string; items: { customerName: string }[] }[];
    expect(due?.items.map((i) => i.customerName)).toEqual(['Ada Lovelace']);
    expect(made.notifications.map((n) => n.content)).toEqual([notificationContent(due!.items as never, 'en')]);
    expect(made.names()).toContain('notification0.show');
    // Clicking it brings the window forward on the follow-ups.
    made.windows[0]!.minimized = true;
    made.notifications[0]!.emit('click');
    expect(made.names()).toEqual(expect.arrayContaining(['window0.restore', 'window0.focus']));
    expect(sentEvents(made, 'menu.command')).toEqual([{ command: 'navigate', path: '/followups' }]);

    const quitting = fakeEvent();
    made.app.emit('will-quit', quitting);
    expect(quitting.defaultPrevented).toBe(true);
    await vi.waitFor(() => expect(made.names()).toContain('app.quit'), { timeout: 20_000 });
    expect(vi.getTimerCount()).toBe(0);
    // Closed, which checkpoints the WAL away.
    expect(existsSync(join(made.paths.userData!, 'rapport.sqlite-wal'))).toBe(false);
  });

  it('a restore stops the pollers, closes the database, swaps it and relaunches the app', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const made = await launch();
    await call(made, 'customers.create', { name: 'Kept' });
    const backup = join(made.paths.documents!, 'rapport-backup.sqlite');
    made.dialogAnswers.push(backup);
    await call(made, 'dialog.saveFile', { purpose: 'backup' });
    await call(made, 'data.backup', { path: backup });
    await call(made, 'customers.create', { name: 'Made after the backup' });
    expect(vi.getTimerCount()).toBeGreaterThan(0);

    made.dialogAnswers.push(backup);
    await call(made, 'dialog.openFile', { purpose: 'restore' });
    expect(await call(made, 'data.restore', { path: backup })).toMatchObject({ restoredFrom: backup });
    expect(vi.getTimerCount()).toBe(0);
    await vi.waitFor(() => expect(made.names()).toContain('app.exit'), { timeout: 20_000 });
    const relaunch = made.indexOf('app.relaunch');
    expect(relaunch).toBeGreaterThan(0);
    expect(made.calls.slice(relaunch).map((c) => c.name)).toEqual(['app.relaunch', 'app.exit']);
    expect(made.called('app.exit')[0]?.args).toEqual([0]);

    const db = new Database(join(made.paths.userData!, 'rapport.sqlite'), { readonly: true });
    try {
      expect(db.prepare('SELECT name FROM customers ORDER BY id').pluck().all()).toEqual(['Kept']);
    } finally {
      db.close();
    }
  });
});

function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
