import { join, posix, win32 } from 'node:path';

/** The folder name under the OS's per-user app-data directory; also Electron's app name. */
export const APP_DIR_NAME = 'Rapport';
export const DATABASE_FILE_NAME = 'rapport.sqlite';
/** File name of better-sqlite3 built for Electron's ABI by scripts/build-electron-native.mjs. */
export const ELECTRON_NATIVE_FILE = 'better_sqlite3.node';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The per-user data directory of Rapport, computed exactly as Electron computes
 * `app.getPath('userData')` for an app named "Rapport" (appData + name). The desktop app, the
 * CLI and the browser preview must agree on it: if they did not, the CLI would silently
 * read and write a different database from the one the user sees in the app.
 */
export function userDataDir(env: Env, platform: NodeJS.Platform, home: string): string {
  if (platform === 'win32') {
    return win32.join(nonEmpty(env.APPDATA) ?? win32.join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  }
  if (platform === 'darwin') return posix.join(home, 'Library', 'Application Support', APP_DIR_NAME);
  // Linux & other XDG systems. A relative XDG_CONFIG_HOME is invalid per the XDG spec and
  // would make the database depend on the current directory, so it is ignored.
  const xdg = nonEmpty(env.XDG_CONFIG_HOME);
  return posix.join(xdg && posix.isAbsolute(xdg) ? xdg : posix.join(home, '.config'), APP_DIR_NAME);
}

/**
 * Where the database lives when nothing else is said: `RAPPORT_DB` if set, otherwise
 * `rapport.sqlite` in the user-data directory (see userDataDir: the same file the desktop
 * app opens). Shared by the CLI, the browser preview and the Electron shell.
 */
export function defaultDatabasePath(env: Env, platform: NodeJS.Platform, home: string): string {
  const explicit = nonEmpty(env.RAPPORT_DB);
  if (explicit) return explicit;
  const join = platform === 'win32' ? win32.join : posix.join;
  return join(userDataDir(env, platform, home), DATABASE_FILE_NAME);
}

/**
 * The desktop app's database: `RAPPORT_DB` if set, else `rapport.sqlite` in Electron's
 * userData. Same precedence and blank handling as defaultDatabasePath, so the app and the
 * CLI agree even when the variable is set to whitespace.
 */
export function appDatabasePath(env: Env, userDataPath: string): string {
  return nonEmpty(env.RAPPORT_DB) ?? join(userDataPath, DATABASE_FILE_NAME);
}

/**
 * The Electron-ABI better-sqlite3 binary. Packaged, electron-builder copies it into the
 * resources folder (extraResources: it must stay outside app.asar, dlopen cannot read
 * inside an archive); in development scripts/build-electron-native.mjs writes it under
 * `.electron-native/` so node_modules keeps the Node-ABI build the tests and the CLI use.
 */
export function electronNativeBindingPath(options: {
  packaged: boolean;
  resourcesPath: string;
  appRoot: string;
}): string {
  return options.packaged
    ? join(options.resourcesPath, 'native', ELECTRON_NATIVE_FILE)
    : join(options.appRoot, '.electron-native', ELECTRON_NATIVE_FILE);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
