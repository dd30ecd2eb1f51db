import { app, BrowserWindow, session } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createAppContext } from '../services/app-context';
import { localCaller } from '../services/context';
import { registerIpc } from './ipc';
import { SECURE_WEB_PREFERENCES, shouldAllowNavigation, shouldGrantPermission, windowOpenDecision } from './security';

const APP_ORIGIN = 'file://';

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let win: BrowserWindow | null = null;
  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });

  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!shouldAllowNavigation(url, APP_ORIGIN)) event.preventDefault();
    });
    contents.setWindowOpenHandler(windowOpenDecision);
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  app.whenReady().then(() => {
    session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) => callback(shouldGrantPermission(permission)));
    session.defaultSession.setPermissionCheckHandler((_wc, permission) => shouldGrantPermission(permission));
    const dataDir = process.env.TASLEEM_DATA_DIR ?? app.getPath('userData');
    const ctx = createAppContext({ dataDir, mode: 'desktop', migrationsFolder: join(app.getAppPath(), 'db', 'migrations'), resourcesDir: join(app.getAppPath(), 'resources'), workersDir: __dirname });
    registerIpc(ctx, localCaller(), APP_ORIGIN);
    win = new BrowserWindow({
      width: 1280,
      height: 860,
      title: 'Tasleem',
      show: false,
      webPreferences: { ...SECURE_WEB_PREFERENCES, preload: join(__dirname, 'preload.cjs') },
    });
    win.once('ready-to-show', () => win?.show());
    void win.loadURL(pathToFileURL(join(app.getAppPath(), 'dist', 'renderer', 'index.html')).toString());
    app.on('before-quit', () => {
      ctx.db.close();
    });
  });

  app.on('window-all-closed', () => app.quit());
}
