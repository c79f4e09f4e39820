import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { FakeIpcMain } from '../../src-main/preview/fakeElectron';

/**
 * A recording stand-in for the slice of the `electron` module the shell (platform/main.ts)
 * uses, so its wiring runs under plain Node: every call lands in `calls`, in order, and the
 * events Electron would fire (ready, second-instance, will-quit, did-finish-load...) are fired
 * by the test. Nothing here decides anything: the decisions stay in the real modules the shell
 * calls. ipcMain is the preview's FakeIpcMain (src-main/preview/fakeElectron.ts), recorded.
 */

export interface Call {
  name: string;
  args: unknown[];
}

type Listener = (...args: unknown[]) => unknown;

/** on/once/emit, recording each subscription as `<owner>.on:<event>`. */
class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  constructor(
    readonly record: (name: string, ...args: unknown[]) => void,
    readonly owner: string,
  ) {}

  on(event: string, listener: Listener): this {
    this.record(`${this.owner}.on:${event}`);
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  once(event: string, listener: Listener): this {
    this.record(`${this.owner}.once:${event}`);
    const wrapped: Listener = (...args) => {
      this.removeListener(event, wrapped);
      return listener(...args);
    };
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), wrapped]);
    return this;
  }

  removeListener(event: string, listener: Listener): this {
    this.listeners.set(
      event,
      (this.listeners.get(event) ?? []).filter((l) => l !== listener),
    );
    return this;
  }

  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }

  /** Fires an event as Electron would; recorded as `<owner>:<event>`. */
  emit(event: string, ...args: unknown[]): void {
    this.record(`${this.owner}:${event}`);
    for (const listener of [...(this.listeners.get(event) ?? [])]) listener(...args);
  }
}

/** An Electron event object: `defaultPrevented` tells whether a listener cancelled it. */
export interface FakeEvent {
  preventDefault(): void;
  defaultPrevented: boolean;
}
export function fakeEvent(): FakeEvent {
  const event = {
    defaultPrevented: false,
    preventDefault: () => void (event.defaultPrevented = true),
  };
  return event;
}

export type WindowOpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' };

export class FakeWebContents extends Emitter {
  windowOpenHandler: WindowOpenHandler | null = null;
  /** Everything sent to the page: [channel, payload]. */
  readonly sent: [string, unknown][] = [];

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.record(`${this.owner}.setWindowOpenHandler`);
    this.windowOpenHandler = handler;
  }

  send(channel: string, payload: unknown): void {
    this.sent.push([channel, payload]);
  }

  isDestroyed(): boolean {
    return false;
  }

  async printToPDF(options: unknown): Promise<Buffer> {
    this.record(`${this.owner}.printToPDF`, options);
    return Buffer.from('%PDF-1.7\n% printed by the fake\n%%EOF\n');
  }
}

/** ipcMain: the preview's handle/invoke map and one-way messages; recorded. */
export class RecordingIpcMain extends FakeIpcMain {
  constructor(private readonly record: (name: string, ...args: unknown[]) => void) {
    super();
  }
  override handle(channel: string, listener: Parameters<FakeIpcMain['handle']>[1]): void {
    this.record('ipcMain.handle', channel);
    super.handle(channel, listener);
  }
  override on(channel: string, listener: Parameters<FakeIpcMain['on']>[1]): this {
    this.record('ipcMain.on', channel);
    return super.on(channel, listener);
  }
}

export interface FakeElectronOptions {
  /** A temp folder: userData, logs, documents and the app's root are made under it. */
  dir: string;
  /** What `app.requestSingleInstanceLock()` answers. */
  singleInstanceLock?: boolean;
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;

/** A fresh stand-in; `module` is what `vi.doMock('electron', () => fake.module)` hands main.ts. */
export function createFakeElectron(options: FakeElectronOptions) {
  const calls: Call[] = [];
  const record = (name: string, ...args: unknown[]): void => void calls.push({ name, args });
  const paths: Record<string, string> = {
    userData: join(options.dir, 'userData'),
    logs: join(options.dir, 'logs'),
    documents: join(options.dir, 'documents'),
    appRoot: join(options.dir, 'app'),
  };
  // Electron makes userData before 'ready' (Chromium keeps its profile there).
  for (const path of Object.values(paths)) mkdirSync(path, { recursive: true });

  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  class App extends Emitter {
    readonly isPackaged = false;
    setName(name: string): void {
      record('app.setName', name);
    }
    enableSandbox(): void {
      record('app.enableSandbox');
    }
    requestSingleInstanceLock(): boolean {
      record('app.requestSingleInstanceLock');
      return options.singleInstanceLock ?? true;
    }
    whenReady(): Promise<void> {
      record('app.whenReady');
      return ready;
    }
    getPath(name: string): string {
      const path = paths[name];
      if (!path) throw new Error(`The fake has no path '${name}'`);
      return path;
    }
    getAppPath(): string {
      return paths.appRoot!;
    }
    getLocale(): string {
      return 'en-US';
    }
    getVersion(): string {
      return '0.0.0-fake';
    }
    quit(): void {
      record('app.quit');
    }
    exit(code = 0): void {
      record('app.exit', code);
    }
    relaunch(): void {
      record('app.relaunch');
    }
  }
  const app = new App(record, 'app');

  class FakeSession {
    permissionRequest: Listener | null = null;
    permissionCheck: Listener | null = null;
    readonly requestFilters: { filter: { urls: string[] } | null; listener: Listener }[] = [];
    readonly webRequest = {
      onBeforeRequest: (filterOrListener: { urls: string[] } | Listener, maybe?: Listener): void => {
        const [filter, listener] =
          typeof filterOrListener === 'function' ? [null, filterOrListener] : [filterOrListener, maybe!];
        record(`${this.name}.webRequest.onBeforeRequest`, filter);
        this.requestFilters.push({ filter, listener });
      },
    };
    constructor(readonly name: string) {}
    setPermissionRequestHandler(handler: Listener): void {
      record(`${this.name}.setPermissionRequestHandler`);
      this.permissionRequest = handler;
    }
    setPermissionCheckHandler(handler: Listener): void {
      record(`${this.name}.setPermissionCheckHandler`);
      this.permissionCheck = handler;
    }
  }
  const partitions = new Map<string, FakeSession>();
  const session = {
    defaultSession: new FakeSession('session.default'),
    fromPartition(partition: string): FakeSession {
      record('session.fromPartition', partition);
      const existing = partitions.get(partition);
      if (existing) return existing;
      const made = new FakeSession(`session.${partition}`);
      partitions.set(partition, made);
      return made;
    },
  };

  const windows: FakeBrowserWindow[] = [];
  class FakeBrowserWindow extends Emitter {
    static getAllWindows(): FakeBrowserWindow[] {
      return windows.filter((w) => !w.destroyed);
    }
    readonly webContents: FakeWebContents;
    minimized = false;
    visible = false;
    destroyed = false;
    loaded: string | null = null;
    constructor(readonly options: { webPreferences?: Record<string, unknown> } & Record<string, unknown>) {
      super(record, `window${windows.length}`);
      record('BrowserWindow.new', options);
      this.webContents = new FakeWebContents(record, `${this.owner}.webContents`);
      windows.push(this);
      // As Electron does for every new webContents, before anything can load in it.
      app.emit('web-contents-created', fakeEvent(), this.webContents);
    }
    async loadURL(url: string): Promise<void> {
      record(`${this.owner}.loadURL`, url);
      this.loaded = url;
    }
    show(): void {
      this.alive();
      record(`${this.owner}.show`);
      this.visible = true;
    }
    focus(): void {
      this.alive();
      record(`${this.owner}.focus`);
    }
    restore(): void {
      this.alive();
      record(`${this.owner}.restore`);
      this.minimized = false;
    }
    maximize(): void {
      this.alive();
      record(`${this.owner}.maximize`);
    }
    isMinimized(): boolean {
      this.alive();
      return this.minimized;
    }
    isVisible(): boolean {
      return this.visible;
    }
    isMaximized(): boolean {
      return false;
    }
    getNormalBounds(): { x: number; y: number; width: number; height: number } {
      return { x: 10, y: 10, width: 1000, height: 700 };
    }
    /** As Electron's objects do once destroyed. */
    alive(): void {
      if (this.destroyed) throw new TypeError('Object has been destroyed');
    }
    destroy(): void {
      record(`${this.owner}.destroy`);
      this.destroyed = true;
    }
  }

  const ipcMain = new RecordingIpcMain(record);

  /** Answers of the native file dialogs, taken in order; a dialog with none left is cancelled. */
  const dialogAnswers: string[] = [];
  const dialog = {
    showErrorBox(title: string, content: string): void {
      record('dialog.showErrorBox', title, content);
    },
    async showSaveDialog(...args: unknown[]): Promise<{ canceled: boolean; filePath?: string }> {
      record('dialog.showSaveDialog', ...args);
      const filePath = dialogAnswers.shift();
      return filePath === undefined ? { canceled: true } : { canceled: false, filePath };
    },
    async showOpenDialog(...args: unknown[]): Promise<{ canceled: boolean; filePaths: string[] }> {
      record('dialog.showOpenDialog', ...args);
      const filePath = dialogAnswers.shift();
      return filePath === undefined ? { canceled: true, filePaths: [] } : { canceled: false, filePaths: [filePath] };
    },
  };

  const protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();
  const protocol = {
    registerSchemesAsPrivileged(schemes: { scheme: string; privileges: Record<string, boolean> }[]): void {
      record('protocol.registerSchemesAsPrivileged', schemes);
    },
    handle(scheme: string, handler: (request: Request) => Promise<Response>): void {
      record('protocol.handle', scheme);
      protocolHandlers.set(scheme, handler);
    },
  };

  const notifications: FakeNotification[] = [];
  class FakeNotification extends Emitter {
    static isSupported(): boolean {
      return true;
    }
    constructor(readonly content: { title: string; body: string }) {
      super(record, `notification${notifications.length}`);
      notifications.push(this);
    }
    show(): void {
      record(`${this.owner}.show`, this.content);
    }
  }

  const primary = { id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 } };
  const module = {
    app,
    BrowserWindow: FakeBrowserWindow,
    dialog,
    ipcMain,
    Menu: {
      buildFromTemplate: (template: unknown[]) => template,
      setApplicationMenu: (menu: unknown) => record('Menu.setApplicationMenu', menu),
    },
    nativeTheme: { shouldUseDarkColors: false },
    Notification: FakeNotification,
    protocol,
    screen: { getPrimaryDisplay: () => primary, getAllDisplays: () => [primary] },
    session,
    shell: {
      openExternal: async (url: string) => record('shell.openExternal', url),
      openPath: async (path: string) => {
        record('shell.openPath', path);
        return '';
      },
    },
  };

  return {
    module,
    calls,
    paths,
    windows,
    notifications,
    ipcMain,
    session,
    partitions,
    protocolHandlers,
    dialogAnswers,
    app,
    /** Electron's 'ready': whenReady() resolves. */
    fireReady(): void {
      record('ready');
      markReady();
    },
    names(): string[] {
      return calls.map((c) => c.name);
    },
    /** Position of the first call named `name` (or matching), -1 when never made. */
    indexOf(name: string | RegExp): number {
      return calls.findIndex((c) => (typeof name === 'string' ? c.name === name : name.test(c.name)));
    },
    called(name: string): Call[] {
      return calls.filter((c) => c.name === name);
    },
  };
}
