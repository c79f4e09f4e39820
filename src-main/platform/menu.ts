import type { MenuItemConstructorOptions } from 'electron';
import type { EventPayload } from '../shared/api';
import type { Translate } from '../shared/locales/translate';

export type MenuCommand = EventPayload<'menu.command'>;

export interface MenuOptions {
  /** Reload and DevTools exist only in development: in a shipped app they would let anyone
   * at the keyboard run script against the user's data or lose unsaved form input. */
  packaged: boolean;
  /** Forwards a command to the renderer as a `menu.command` event. */
  send: (command: MenuCommand) => void;
}

/**
 * The native menu. Standard roles give the platform's own behaviour (clipboard, undo,
 * zoom, window management, macOS app menu); labels are given explicitly so Windows and
 * Linux users see them in the app's language too.
 */
export function menuTemplate(
  t: Translate,
  platform: NodeJS.Platform,
  options: MenuOptions,
): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const separator: MenuItemConstructorOptions = { type: 'separator' };
  const template: MenuItemConstructorOptions[] = [];

  if (mac) {
    template.push({
      label: 'Rapport',
      submenu: [
        { role: 'about', label: t('menu.about') },
        separator,
        { role: 'services', label: t('menu.services') },
        separator,
        { role: 'hide', label: t('menu.hide') },
        { role: 'hideOthers', label: t('menu.hideOthers') },
        { role: 'unhide', label: t('menu.showAll') },
        separator,
        { role: 'quit', label: t('menu.quit') },
      ],
    });
  }

  template.push({
    label: t('menu.file'),
    submenu: [
      {
        id: 'new-sale',
        label: t('menu.newSale'),
        accelerator: 'CmdOrCtrl+N',
        click: () => options.send({ command: 'new-sale' }),
      },
      {
        id: 'new-customer',
        label: t('menu.newCustomer'),
        accelerator: 'CmdOrCtrl+Shift+N',
        click: () => options.send({ command: 'new-customer' }),
      },
      separator,
      mac ? { role: 'close', label: t('menu.closeWindow') } : { role: 'quit', label: t('menu.quit') },
    ],
  });

  template.push({
    label: t('menu.edit'),
    submenu: [
      { role: 'undo', label: t('menu.undo') },
      { role: 'redo', label: t('menu.redo') },
      separator,
      { role: 'cut', label: t('menu.cut') },
      { role: 'copy', label: t('menu.copy') },
      { role: 'paste', label: t('menu.paste') },
      ...(mac ? [{ role: 'pasteAndMatchStyle', label: t('menu.pasteAndMatchStyle') } as const] : []),
      { role: 'delete', label: t('menu.delete') },
      separator,
      { role: 'selectAll', label: t('menu.selectAll') },
    ],
  });

  const developer: MenuItemConstructorOptions[] = options.packaged
    ? []
    : [
        { role: 'reload', label: t('menu.reload') },
        { role: 'forceReload', label: t('menu.forceReload') },
        { role: 'toggleDevTools', label: t('menu.toggleDevTools') },
        separator,
      ];
  template.push({
    label: t('menu.view'),
    submenu: [
      ...developer,
      { role: 'resetZoom', label: t('menu.actualSize') },
      { role: 'zoomIn', label: t('menu.zoomIn') },
      { role: 'zoomOut', label: t('menu.zoomOut') },
      separator,
      { role: 'togglefullscreen', label: t('menu.toggleFullScreen') },
    ],
  });

  template.push({
    role: 'windowMenu',
    label: t('menu.window'),
    submenu: mac
      ? [
          { role: 'minimize', label: t('menu.minimize') },
          { role: 'zoom', label: t('menu.zoom') },
          separator,
          { role: 'front', label: t('menu.bringAllToFront') },
        ]
      : [
          { role: 'minimize', label: t('menu.minimize') },
          { role: 'close', label: t('menu.closeWindow') },
        ],
  });

  return template;
}
