import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeTheme,
  Notification,
  protocol,
  screen,
  session,
  shell,
} from 'electron';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { emit, registerApi } from '../ipc/register';
import { startBackend, type Backend } from '../backend/host';
import { localIsoDate } from '../shared/dates';
import type { Dialogs } from '../features/exchange';
import { dialogSpec, openManySpec } from '../features/exchange';
import { dailyBackupJob } from '../features/backups';
import { listenForDrops } from '../ipc/drop';
import type { EventName, EventPayload, Output } from '../shared/api';
import { createScheduler, type Scheduler } from '../kernel/scheduler';
import { readWindowState, restoreBounds, writeWindowState } from './bounds';
import { createFileLogger, type Logger } from './log';
import { menuTemplate, type MenuCommand } from './menu';
import {
  DUE_REMINDERS,
  dueRemindersJob,
  NOTIFY_EVERY_MS,
  notificationContent,
  type NotificationContent,
} from './notifications';
import { nudgeContent } from './nudges';
import { APP_DIR_NAME, appDatabasePath, electronNativeBindingPath } from './paths';
import { createAppProtocolHandler } from './protocol';
import { createMediaHandler } from './media';
import { guardWebContents, hardenSession } from './guards';
import { electronPrinter, PRINT_PARTITION } from './printPdf';
import { APP_ORIGIN, APP_SCHEME, MEDIA_SCHEME, windowOptions } from './security';
import { startupErrorMessage } from './startup';
import { languageOf, translator } from '../shared/locales/translate';

/**
 * The Electron shell: wiring only. Every decision it applies lives in a pure module next
 * to it (security.ts, protocol.ts, bounds.ts, menu.ts, paths.ts) and is tested there; the
 * wiring itself (what runs before 'ready', before the first page, on quit) is tested by
 * loading this file against a recording stand-in for 'electron' (test/platform/main.test.ts).
 */

const here = dirname(fileURLToPath(import.meta.url));
const PRELOAD = join(here, '../preload/index.cjs');
const RENDERER_ROOT = join(here, '../renderer');

// Before 'ready': a standard, secure scheme gets a real origin (rapport://app) for CSP
// 'self', fetch and storage, without any of file://'s extra powers.
protocol.registerSchemesAsPrivileged([
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
  },
  // The library's audio, video and covers (media.ts): `stream` lets <audio>/<video> read it by
  // ranges as it plays instead of buffering the whole file.
  {
    scheme: MEDIA_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, stream: true },
  },
]);
// Also before 'ready' and before the lock: the name decides userData (…/Rapport), which
// must match paths.ts's defaultDatabasePath so the CLI finds the same database.
app.setName(APP_DIR_NAME);
// Every renderer sandboxed, including any window a bug might create without our options.
app.enableSandbox();

let mainWindow: BrowserWindow | null = null;
let backend: Backend | null = null;
let log: Logger = (message, error) => console.error(message, error ?? '');
let rebuildMenuOnSettingsChange: (() => Promise<void>) | null = null;
let backgroundColor = '#ffffff';
let language = 'en';
let scheduler: Scheduler | null = null;
// Held until closed, so a shown notification is not garbage-collected before the user clicks it.
const shownNotifications = new Set<Notification>();

if (!app.requestSingleInstanceLock()) {
  // Two processes writing one SQLite file would work, but two windows showing different
  // states of the same data would confuse; the running instance comes forward instead.
  app.quit();
} else {
  app.on('second-instance', () => focusMainWindow());
  start().catch((error: unknown) => {
    log('Startup failed', error);
    dialog.showErrorBox(
      translator(languageOf(app.getLocale()))('startup.errorTitle'),
      `${translator(languageOf(app.getLocale()))('startup.failed')}\n\n${String(error)}`,
    );
    app.exit(1);
  });
}

async function start(): Promise<void> {
  await app.whenReady();
  log = createFileLogger(join(app.getPath('logs'), 'main.log'));
  hardenSession(session.defaultSession);
  app.on('web-contents-created', (_event, contents) =>
    guardWebContents(contents, { openExternal: (url) => void shell.openExternal(url), log }),
  );
  protocol.handle(APP_SCHEME, createAppProtocolHandler(RENDERER_ROOT));

  const databasePath = appDatabasePath(process.env, app.getPath('userData'));
  const nativeBinding = electronNativeBindingPath({
    packaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    appRoot: app.getAppPath(),
  });
  try {
    // The database and every service run in their own thread (backend/host.ts): the window's
    // thread only relays calls, shows dialogs, prints and notifies.
    backend = await startBackend({
      file: databasePath,
      nativeBinding,
      version: app.getVersion(),
      platform: process.platform,
      log,
      emit: broadcast,
      dialogs: nativeDialogs(),
      firstScreenShown: () => void scheduler?.run(DUE_REMINDERS),
      relaunch: relaunchAfterRestore,
      // Reports print with Electron's own Chromium: a hidden window, no script, no network (printPdf.ts).
      printPdf: electronPrinter({
        createWindow: (options) => new BrowserWindow(options),
        session: session.fromPartition(PRINT_PARTITION),
      }),
      // Only ever a library item's own file, of a type the library reads (features/library openableFile).
      openFile: async (path) => {
        const failure = await shell.openPath(path);
        if (failure) throw new Error(failure);
      },
    });
    const { damaged, snapshot } = backend.opened;
    if (damaged) log(`Database damaged, opened read-only: ${damaged.problems}`);
    if (snapshot) log(`Database upgraded; previous version saved as ${snapshot}`);
  } catch (error) {
    log(`Cannot open database ${databasePath}`, error);
    dialog.showErrorBox(
      translator(languageOf(app.getLocale()))('startup.errorTitle'),
      startupErrorMessage(translator(languageOf(app.getLocale())), error, databasePath),
    );
    app.exit(1);
    return;
  }

  const open = backend;
  // The media protocol reads whichever store the database thread has open (none while a restore swaps it: 404).
  protocol.handle(MEDIA_SCHEME, createMediaHandler({ lookup: open.media, allowedOrigin: APP_ORIGIN, log }));
  registerApi(ipcMain, open.dispatch, { allowedOrigin: APP_ORIGIN, log });
  listenForDrops(ipcMain, { allowedOrigin: APP_ORIGIN, log, picks: { add: open.pick }, emit: broadcast });

  const readSettings = async (): Promise<Output<'settings.get'>> => {
    const reply = await open.dispatch('settings.get', undefined);
    if (!reply.ok) throw new Error(reply.error.message);
    return reply.value as Output<'settings.get'>;
  };
  language = app.getLocale();
  try {
    const settings = await readSettings();
    language = settings.language;
    nativeThemeBackground(settings.theme);
  } catch (error) {
    log('Could not read settings at startup', error);
  }
  buildMenu(language);
  // Keep the menu in the user's chosen language when they change it in Settings.
  rebuildMenuOnSettingsChange = async () => {
    try {
      language = (await readSettings()).language;
      buildMenu(language);
    } catch (error) {
      log('Could not rebuild the menu', error);
    }
  };

  scheduler = createScheduler(log);
  // The first check waits for the page's first screen (app.firstScreenShown), so it can show
  // what is due without holding up that screen's data.
  scheduler.add(
    dueRemindersJob({
      everyMs: NOTIFY_EVERY_MS,
      check: async () => {
        const found = await open.reminders(new Date());
        if (!found) return [];
        // Goals behind pace ride on the same poll, first: if it fails, both are tried again.
        if (found.behind.items.length > 0) {
          broadcast('goals.behind', found.behind);
          notifyNatively(nudgeContent(found.behind.items, language), '/goals');
        }
        return found.due;
      },
      notify: (items) => {
        broadcast('care.due', { asOf: localIsoDate(new Date()), items });
        notifyNatively(notificationContent(items, language), '/followups');
      },
    }),
  );

  // Checked every half hour, at most one a day, only when something changed (features/backups).
  scheduler.add(dailyBackupJob(open.dailyBackup));

  createMainWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow();
  });
}

/** A system notification; clicking it brings the window forward on `path`. */
function notifyNatively(content: NotificationContent, path: string): void {
  if (!Notification.isSupported()) return;
  const shown = new Notification(content);
  shown.on('click', () => {
    shownNotifications.delete(shown);
    focusMainWindow();
    broadcast('menu.command', { command: 'navigate', path });
  });
  shown.on('close', () => shownNotifications.delete(shown));
  shownNotifications.add(shown);
  shown.show();
}

/** Native save/open dialogs over the main window; what each offers comes from dialogSpec (tested). */
function nativeDialogs(): Dialogs {
  return {
    saveFile: async (purpose, period) => {
      const spec = dialogSpec(purpose, translator(languageOf(language)), new Date(), period);
      const options = {
        title: spec.title,
        defaultPath: join(app.getPath('documents'), spec.defaultName),
        filters: spec.filters,
      };
      const result = mainWindow
        ? await dialog.showSaveDialog(mainWindow, options)
        : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    openFile: async (purpose) => {
      const spec = dialogSpec(purpose, translator(languageOf(language)), new Date());
      const options = {
        title: spec.title,
        defaultPath: app.getPath('documents'),
        filters: spec.filters,
        properties: ['openFile' as const],
      };
      const result = mainWindow
        ? await dialog.showOpenDialog(mainWindow, options)
        : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    openMany: async (kind) => {
      const spec = openManySpec(kind, translator(languageOf(language)));
      const options = {
        title: spec.title,
        defaultPath: app.getPath('documents'),
        filters: spec.filters,
        properties: [kind === 'files' ? ('openFile' as const) : ('openDirectory' as const), 'multiSelections' as const],
      };
      const result = mainWindow
        ? await dialog.showOpenDialog(mainWindow, options)
        : await dialog.showOpenDialog(options);
      return result.canceled ? [] : result.filePaths;
    },
  };
}

/**
 * A restore swapped the database file under the app (the database thread closed the store
 * first), so the shell starts afresh on it (and migrates an older backup) rather than rewiring
 * a live window to a new store. Also after a failed swap: the store is closed either way.
 */
function relaunchAfterRestore(): void {
  scheduler?.stop();
  // The delay lets the restore's reply reach the renderer first.
  setTimeout(() => {
    app.relaunch();
    app.exit(0);
  }, 500);
}

function nativeThemeBackground(theme: 'system' | 'light' | 'dark'): void {
  const dark = theme === 'dark' || (theme === 'system' && nativeTheme.shouldUseDarkColors);
  backgroundColor = dark ? '#15171c' : '#ffffff';
}

function broadcast<E extends EventName>(event: E, payload: EventPayload<E>): void {
  try {
    if (mainWindow) emit(mainWindow.webContents, event, payload);
  } catch (error) {
    log(`Could not emit ${event}`, error);
  }
  if (event === 'data.changed' && (payload as EventPayload<'data.changed'>).entities.includes('settings')) {
    void rebuildMenuOnSettingsChange?.();
  }
}

function buildMenu(language: string): void {
  const send = (command: MenuCommand): void => {
    focusMainWindow();
    broadcast('menu.command', command);
  };
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate(translator(languageOf(language)), process.platform, { packaged: app.isPackaged, send }),
    ),
  );
}

function createMainWindow(): void {
  const stateFile = join(app.getPath('userData'), 'window-state.json');
  const primary = screen.getPrimaryDisplay();
  const displays = [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)].map((d) => d.workArea);
  const { maximized, ...bounds } = restoreBounds(readWindowState(stateFile), displays);
  const devIcon = join(app.getAppPath(), 'resources', 'icon.png');

  const win = new BrowserWindow(
    windowOptions({
      preloadPath: PRELOAD,
      bounds,
      packaged: app.isPackaged,
      backgroundColor,
      // Packaged builds take the icon from the bundle / .desktop entry.
      ...(!app.isPackaged && existsSync(devIcon) ? { icon: devIcon } : {}),
    }),
  );
  mainWindow = win;
  if (maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () => {
    try {
      writeWindowState(stateFile, { ...win.getNormalBounds(), maximized: win.isMaximized() });
    } catch (error) {
      log('Could not save the window state', error);
    }
  });
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  win.webContents.on('render-process-gone', (_event, details) => log(`Renderer gone: ${details.reason}`));
  void win.loadURL(`${APP_ORIGIN}/`);
}

function focusMainWindow(): void {
  const win = mainWindow;
  if (!win) return;
  if (win.isMinimized()) win.restore();
  if (!win.isVisible()) win.show();
  win.focus();
}

let quitting = false;
app.on('will-quit', (event) => {
  if (quitting || !backend) return;
  // Let a write under way finish (an import is cancelled and taken back), then close the
  // database (checkpointing the WAL), before the process goes away.
  event.preventDefault();
  quitting = true;
  scheduler?.stop();
  const closing = backend;
  backend = null;
  closing
    .close()
    .catch((error: unknown) => log('Error while closing the database', error))
    .finally(() => app.quit());
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
