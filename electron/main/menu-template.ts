import type { MenuItemConstructorOptions } from 'electron';
import type { Translate } from './strings';

/** What the app's own menu items do; main.ts binds each to its action. Everything else is an Electron role. */
export type MenuCommand = 'openBundle' | 'openLogFolder' | 'about';

export interface MenuOptions {
  t: Translate;
  platform: NodeJS.Platform;
  /** Developer tools only in a checkout, never in an installed app. */
  developer: boolean;
}

export type MenuItem = Omit<MenuItemConstructorOptions, 'submenu'> & { command?: MenuCommand; submenu?: MenuItem[] };
type Item = MenuItem;
const sep: Item = { type: 'separator' };

/**
 * The native menu as plain data, labelled in the UI language. Every role gets an explicit label, since Electron's
 * defaults follow the OS language, not the app's. The order is logical: in Arabic the menu bar and its menus are
 * mirrored by Chromium itself (see chromiumLocale), which lays "File" out at the right edge.
 */
export function buildMenuTemplate({ t, platform, developer }: MenuOptions): Item[] {
  const mac = platform === 'darwin';
  const m = (key: string) => t(`desktop.menu.${key}`);
  /** Electron roles labelled under their own name; '-' is a separator. */
  const roles = (...names: (NonNullable<Item['role']> | '-')[]): Item[] =>
    names.map((r) => (r === '-' ? sep : { label: m(r), role: r }));
  const appMenu: Item = {
    label: 'Tasleem',
    submenu: [
      { label: m('about'), command: 'about' },
      sep,
      ...roles('services', '-', 'hide', 'hideOthers', 'unhide', '-', 'quit'),
    ],
  };
  const file: Item = {
    label: m('file'),
    submenu: [
      { label: m('openBundle'), accelerator: 'CmdOrCtrl+O', command: 'openBundle' },
      sep,
      { label: m('openLogFolder'), command: 'openLogFolder' },
      ...(mac ? [] : [sep, { label: m('quit'), role: 'quit', accelerator: 'CmdOrCtrl+Q' } satisfies Item]),
    ],
  };
  const edit: Item = {
    label: m('edit'),
    submenu: roles('undo', 'redo', '-', 'cut', 'copy', 'paste', 'delete', '-', 'selectAll'),
  };
  const view: Item = {
    label: m('view'),
    submenu: [
      ...roles('reload'),
      ...(developer ? [{ label: m('devtools'), role: 'toggleDevTools' } satisfies Item] : []),
      ...roles('-', 'resetZoom', 'zoomIn', 'zoomOut', '-'),
      { label: m('fullscreen'), role: 'togglefullscreen' },
    ],
  };
  const window: Item = {
    label: m('window'),
    submenu: roles('minimize', 'close'),
  };
  const help: Item = {
    label: m('help'),
    submenu: [
      ...(mac ? [] : [{ label: m('about'), command: 'about' } satisfies Item, sep]),
      { label: m('openLogFolder'), command: 'openLogFolder' },
    ],
  };
  return [...(mac ? [appMenu] : []), file, edit, view, window, help];
}

/** Every item of a template, depth first: for binding commands and for tests. */
export function flattenMenu(items: Item[]): Item[] {
  return items.flatMap((i) => [i, ...flattenMenu(i.submenu ?? [])]);
}
