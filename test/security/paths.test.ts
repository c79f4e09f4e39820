import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  appDatabasePath,
  defaultDatabasePath,
  electronNativeBindingPath,
  userDataDir,
} from '../../src-main/platform/paths';

describe('defaultDatabasePath', () => {
  it.each([
    ['linux', {}, '/home/ada', '/home/ada/.config/Rapport/rapport.sqlite'],
    ['linux', { XDG_CONFIG_HOME: '/data/cfg' }, '/home/ada', '/data/cfg/Rapport/rapport.sqlite'],
    // A relative or blank XDG_CONFIG_HOME is invalid per the spec and ignored.
    ['linux', { XDG_CONFIG_HOME: 'cfg' }, '/home/ada', '/home/ada/.config/Rapport/rapport.sqlite'],
    ['linux', { XDG_CONFIG_HOME: '  ' }, '/home/ada', '/home/ada/.config/Rapport/rapport.sqlite'],
    ['freebsd', {}, '/home/ada', '/home/ada/.config/Rapport/rapport.sqlite'],
    [
      'darwin',
      { XDG_CONFIG_HOME: '/ignored' },
      '/Users/ada',
      '/Users/ada/Library/Application Support/Rapport/rapport.sqlite',
    ],
    [
      'win32',
      { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' },
      'C:\\Users\\ada',
      'C:\\Users\\ada\\AppData\\Roaming\\Rapport\\rapport.sqlite',
    ],
    ['win32', {}, 'C:\\Users\\ada', 'C:\\Users\\ada\\AppData\\Roaming\\Rapport\\rapport.sqlite'],
  ] as const)('%s %j → %s', (platform, env, home, expected) => {
    expect(defaultDatabasePath(env, platform, home)).toBe(expected);
  });

  it('prefers RAPPORT_DB, unless it is blank', () => {
    expect(defaultDatabasePath({ RAPPORT_DB: '/tmp/x.sqlite' }, 'linux', '/home/ada')).toBe('/tmp/x.sqlite');
    expect(defaultDatabasePath({ RAPPORT_DB: 'rel.sqlite' }, 'win32', 'C:\\Users\\ada')).toBe('rel.sqlite');
    expect(defaultDatabasePath({ RAPPORT_DB: '' }, 'linux', '/home/ada')).toBe(
      '/home/ada/.config/Rapport/rapport.sqlite',
    );
  });

  it('is the database file inside the directory Electron uses as userData for "Rapport"', () => {
    expect(userDataDir({}, 'linux', '/home/ada')).toBe('/home/ada/.config/Rapport');
    expect(userDataDir({}, 'darwin', '/Users/ada')).toBe('/Users/ada/Library/Application Support/Rapport');
    expect(userDataDir({ APPDATA: 'D:\\Roaming' }, 'win32', 'C:\\Users\\ada')).toBe('D:\\Roaming\\Rapport');
  });
});

describe('appDatabasePath', () => {
  it('uses RAPPORT_DB when set, else rapport.sqlite in userData', () => {
    expect(appDatabasePath({}, '/home/ada/.config/Rapport')).toBe(join('/home/ada/.config/Rapport', 'rapport.sqlite'));
    expect(appDatabasePath({ RAPPORT_DB: '/tmp/x.sqlite' }, '/u')).toBe('/tmp/x.sqlite');
    expect(appDatabasePath({ RAPPORT_DB: ' ' }, '/u')).toBe(join('/u', 'rapport.sqlite'));
  });

  it('matches the CLI default for the same user (app named Rapport)', () => {
    for (const env of [{}, { RAPPORT_DB: '/data/shared.sqlite' }, { XDG_CONFIG_HOME: '/cfg' }]) {
      expect(appDatabasePath(env, userDataDir(env, 'linux', '/home/ada'))).toBe(
        defaultDatabasePath(env, 'linux', '/home/ada'),
      );
    }
  });
});

describe('electronNativeBindingPath', () => {
  it('uses the resources folder when packaged and .electron-native in development', () => {
    expect(electronNativeBindingPath({ packaged: true, resourcesPath: '/opt/Rapport/resources', appRoot: '/x' })).toBe(
      join('/opt/Rapport/resources', 'native', 'better_sqlite3.node'),
    );
    expect(electronNativeBindingPath({ packaged: false, resourcesPath: '/ignored', appRoot: '/work/main' })).toBe(
      join('/work/main', '.electron-native', 'better_sqlite3.node'),
    );
  });
});
