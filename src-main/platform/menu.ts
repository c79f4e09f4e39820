import type { MenuItemConstructorOptions } from 'electron';
import type { EventPayload } from '../shared/api';
import type { ShellStrings } from './strings';

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
  t: ShellStrings,
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
        { role: 'about', label: t.about },
        separator,
        { role: 'services', label: t.services },
        separator,
        { role: 'hide', label: t.hide },
        { role: 'hideOthers', label: t.hideOthers },
        { role: 'unhide', label: t.showAll },
        separator,
        { role: 'quit', label: t.quit },
      ],
    });
  }

  template.push({
    label: t.file,
    submenu: [
      {
        id: 'new-sale',
        label: t.newSale,
        accelerator: 'CmdOrCtrl+N',
        click: () => options.send({ command: 'new-sale' }),
      },
      {
        id: 'new-customer',
        label: t.newCustomer,
        accelerator: 'CmdOrCtrl+Shift+N',
        click: () => options.send({ command: 'new-customer' }),
      },
      separator,
      mac ? { role: 'close', label: t.closeWindow } : { role: 'quit', label: t.quit },
    ],
  });

  template.push({
    label: t.edit,
    submenu: [
      { role: 'undo', label: t.undo },
      { role: 'redo', label: t.redo },
      separator,
      { role: 'cut', label: t.cut },
      { role: 'copy', label: t.copy },
      { role: 'paste', label: t.paste },
      ...(mac ? [{ role: 'pasteAndMatchStyle', label: t.pasteAndMatchStyle } as const] : []),
      { role: 'delete', label: t.delete },
      separator,
      { role: 'selectAll', label: t.selectAll },
    ],
  });

  const developer: MenuItemConstructorOptions[] = options.packaged
    ? []
    : [
        { role: 'reload', label: t.reload },
        { role: 'forceReload', label: t.forceReload },
        { role: 'toggleDevTools', label: t.toggleDevTools },
        separator,
      ];
  template.push({
    label: t.view,
    submenu: [
      ...developer,
      { role: 'resetZoom', label: t.actualSize },
      { role: 'zoomIn', label: t.zoomIn },
      { role: 'zoomOut', label: t.zoomOut },
      separator,
      { role: 'togglefullscreen', label: t.toggleFullScreen },
    ],
  });

  template.push({
    role: 'windowMenu',
    label: t.window,
    submenu: mac
      ? [
          { role: 'minimize', label: t.minimize },
          { role: 'zoom', label: t.zoom },
          separator,
          { role: 'front', label: t.bringAllToFront },
        ]
      : [
          { role: 'minimize', label: t.minimize },
          { role: 'close', label: t.closeWindow },
        ],
  });

  return template;
}
