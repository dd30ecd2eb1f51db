import { BrowserWindow, screen } from 'electron';
import { APP_ENTRY } from './app-protocol';
import { SECURE_WEB_PREFERENCES } from './security';
import { MIN_SIZE, restoreWindow, type WindowState } from './shell-state';

/**
 * The app's one window, where it was last time (if that place is still on a screen), showing app://tasleem/.
 * It is the only webContents given the preload. `onState` receives its size and position when it closes.
 */
export function createMainWindow(opts: {
  preload: string;
  saved: WindowState | undefined;
  title: string;
  onState(state: WindowState): void;
}): BrowserWindow {
  const workAreas = [screen.getPrimaryDisplay(), ...screen.getAllDisplays()].map((d) => d.workArea);
  const { bounds, maximized } = restoreWindow(opts.saved, workAreas);
  const win = new BrowserWindow({
    ...bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: opts.title,
    show: false,
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: opts.preload },
  });
  if (maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  // Normal bounds, so a maximised window comes back maximised over the place it will return to when restored.
  win.on('close', () => opts.onState({ bounds: win.getNormalBounds(), maximized: win.isMaximized() }));
  void win.loadURL(APP_ENTRY);
  return win;
}

export function focus(win: BrowserWindow | null): void {
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}
