import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { menuTemplate, type MenuCommand } from '../../src-main/platform/menu';
import { languageOf, translator, type Translate } from '../../src-main/shared/locales/translate';

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}
const roles = (items: MenuItemConstructorOptions[]): string[] =>
  flatten(items).flatMap((item) => (item.role ? [item.role] : []));
const build = (platform: NodeJS.Platform, packaged: boolean, t: Translate = translator('en')) => {
  const send = vi.fn<(command: MenuCommand) => void>();
  return { template: menuTemplate(t, platform, { packaged, send }), send };
};

describe('menuTemplate', () => {
  it('has the macOS app menu only on macOS', () => {
    expect(build('darwin', true).template[0]?.label).toBe('Rapport');
    expect(roles(build('darwin', true).template)).toEqual(
      expect.arrayContaining(['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit']),
    );
    for (const platform of ['win32', 'linux'] as const) {
      const all = roles(build(platform, true).template);
      expect(all).not.toContain('services');
      expect(all).not.toContain('hide');
      expect(all).toContain('quit');
    }
  });

  it.each(['darwin', 'win32', 'linux'] as const)('has the standard edit, view and window roles on %s', (platform) => {
    const all = roles(build(platform, true).template);
    expect(all).toEqual(
      expect.arrayContaining([
        'undo',
        'redo',
        'cut',
        'copy',
        'paste',
        'selectAll',
        'resetZoom',
        'zoomIn',
        'zoomOut',
        'togglefullscreen',
        'minimize',
      ]),
    );
    expect(all.includes('pasteAndMatchStyle')).toBe(platform === 'darwin');
  });

  it.each(['darwin', 'win32', 'linux'] as const)(
    'offers reload and DevTools only when not packaged (%s)',
    (platform) => {
      const developerRoles = ['reload', 'forceReload', 'toggleDevTools'];
      const packaged = roles(build(platform, true).template);
      const dev = roles(build(platform, false).template);
      for (const role of developerRoles) {
        expect(packaged).not.toContain(role);
        expect(dev).toContain(role);
      }
    },
  );

  it.each(['darwin', 'win32', 'linux'] as const)(
    'New sale (CmdOrCtrl+N) and New customer send menu.command (%s)',
    (platform) => {
      const { template, send } = build(platform, true);
      const items = flatten(template);
      const newSale = items.find((item) => item.id === 'new-sale');
      const newCustomer = items.find((item) => item.id === 'new-customer');
      expect(newSale?.accelerator).toBe('CmdOrCtrl+N');
      expect(newCustomer?.accelerator).toBe('CmdOrCtrl+Shift+N');
      (newSale?.click as () => void)();
      (newCustomer?.click as () => void)();
      expect(send.mock.calls).toEqual([[{ command: 'new-sale' }], [{ command: 'new-customer' }]]);
    },
  );

  it('has no duplicate accelerators', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const accelerators = flatten(build(platform, false).template).flatMap((item) =>
        item.accelerator ? [String(item.accelerator)] : [],
      );
      expect(new Set(accelerators).size).toBe(accelerators.length);
    }
  });

  it.each(['darwin', 'win32', 'linux'] as const)('labels every item in Italian (%s)', (platform) => {
    const italian = flatten(build(platform, false, translator('it')).template).filter(
      (item) => item.type !== 'separator',
    );
    for (const item of italian) expect(item.label, JSON.stringify(item.role ?? item.id)).toBeTruthy();
    const labels = italian.map((item) => item.label);
    expect(labels).toEqual(
      expect.arrayContaining(['Modifica', 'Vista', 'Finestra', 'Nuova vendita', 'Nuovo cliente', 'Copia', 'Incolla']),
    );
    const english = flatten(build(platform, false).template).map((item) => item.label);
    expect(english).toEqual(
      expect.arrayContaining(['Edit', 'View', 'Window', 'New Sale', 'New Customer', 'Copy', 'Paste']),
    );
  });
});

describe('the shell language', () => {
  it.each([
    ['it', 'it'],
    ['it-IT', 'it'],
    ['it_CH', 'it'],
    ['IT', 'it'],
    ['en', 'en'],
    ['en-US', 'en'],
    ['de-DE', 'en'],
    ['ita', 'en'],
    ['', 'en'],
    [null, 'en'],
    [undefined, 'en'],
  ])('%j → %s', (locale, language) => {
    expect(languageOf(locale)).toBe(language);
  });
});
