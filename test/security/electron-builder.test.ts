import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..');
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown> & {
  electronFuses: Record<string, boolean>;
  asarUnpack: string[];
  files: string[];
  extraResources: { from: string; to: string }[];
  linux: { target: string[]; icon: string };
  win: { target: string[] };
  mac: { target: string[] };
};

describe('electron-builder.yml', () => {
  it('is valid against electron-builder’s own schema (catches misspelt keys)', () => {
    const schema = createRequire(join(root, 'node_modules', 'electron-builder', 'package.json'))(
      'app-builder-lib/scheme.json',
    );
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
  });

  it('identifies the app', () => {
    expect(config.appId).toBe('app.rapport.desktop');
    expect(config.productName).toBe('Rapport');
  });

  it('flips the fuses that stop the binary being used as a Node runtime', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs into asar, unpacks native modules and ships the Electron-ABI sqlite binary outside it', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/*.node');
    expect(config.extraResources).toContainEqual({
      from: '.electron-native/better_sqlite3.node',
      to: 'native/better_sqlite3.node',
    });
    // Must match where main looks for it (src-main/platform/paths.ts).
    expect(readFileSync(join(root, 'src-main/platform/paths.ts'), 'utf8')).toContain(
      "join(options.resourcesPath, 'native', ELECTRON_NATIVE_FILE)",
    );
    // electron-builder must not rebuild node_modules/better-sqlite3 in place for Electron.
    expect(config.npmRebuild).toBe(false);
  });

  it('ships the build output only', () => {
    expect(config.files).toEqual(
      expect.arrayContaining(['out/main/**', 'out/preload/**', 'out/renderer/**', 'package.json']),
    );
    expect(config.files.some((pattern) => /^(src|test|scripts)/.test(pattern))).toBe(false);
    expect(config.files).toContain('!node_modules/better-sqlite3/build/**');
  });

  it('targets AppImage + deb, NSIS and DMG with the app icon', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
    for (const platform of ['linux', 'win', 'mac'] as const) {
      expect((config[platform] as { icon: string }).icon).toBe('resources/icon.png');
    }
  });
});

describe('app icon', () => {
  it('is a 512×512 PNG with an SVG source', () => {
    const png = readFileSync(join(root, 'resources', 'icon.png'));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    // IHDR: width and height are the first two big-endian 32-bit fields.
    expect(png.readUInt32BE(16)).toBe(512);
    expect(png.readUInt32BE(20)).toBe(512);
    expect(readFileSync(join(root, 'resources', 'icon.svg'), 'utf8')).toMatch(/<svg[^>]+viewBox="0 0 512 512"/);
  });
});
