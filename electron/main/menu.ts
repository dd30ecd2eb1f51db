import { Menu, type MenuItemConstructorOptions } from 'electron';
import { buildMenuTemplate, type MenuCommand, type MenuItem, type MenuOptions } from './menu-template';

/** Turns the template's commands into click handlers and installs it as the application menu. */
export function installMenu(options: MenuOptions, run: (command: MenuCommand) => void): void {
  const bind = (items: MenuItem[]): MenuItemConstructorOptions[] =>
    items.map(({ command, submenu, ...item }) => ({
      ...item,
      ...(command ? { click: () => run(command) } : {}),
      ...(submenu ? { submenu: bind(submenu) } : {}),
    }));
  Menu.setApplicationMenu(Menu.buildFromTemplate(bind(buildMenuTemplate(options))));
}
