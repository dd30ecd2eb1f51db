import { app, BrowserWindow, dialog, powerMonitor, safeStorage, session, shell } from 'electron';
import log from 'electron-log/main';
import { existsSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import pkg from '../../package.json';
import { DEV_ELECTRON_BINDING, SQLITE_BINDING_ENV } from '../../db/native-binding';
import { IPC_PREFIX } from '../api/contract';
import { AppError } from '../api/result';
import { startBackupSchedule } from '../services/backup/service';
import { startAppContext, type Startup } from '../services/recovery';
import type { AppContext } from '../services/context';
import { getSettings } from '../services/settings';
import { aboutDialog, runtimeFailureDialog, startupFailureDialog } from './dialog-text';
import type { KeyWrapper, Unlock } from '../services/keys/keystore';
import { forwardEvents } from './event-forward';
import { DesktopSession, registerFileIpc, registerIpc, registerRecoveryIpc } from './ipc';
import { admitMadeFile, pickFile, saveHeldFile } from './file-dialogs';
import { filesOf } from '../services/files/store';
import { configureFileLog, logsDir } from './log-setup';
import { installMenu } from './menu';
import type { MenuCommand } from './menu-template';
import { bundlesInArgv, BUNDLE_EXTENSION } from './opened-files';
import { registerAppScheme, serveApp } from './protocol';
import { shouldAllowNavigation, shouldGrantPermission, windowOpenDecision } from './security';
import { loadShellState, saveShellState, type ShellState } from './shell-state';
import { chromiumLocale, isShellLocale, translator, type ShellLocale } from './strings';
import { createMainWindow, focus } from './window';

/** Licence texts of the fonts, Electron and every bundled package (scripts/build-licenses.js), beside the app. */
const LICENSES_DIR = 'licenses';

const dataDir = process.env.TASLEEM_DATA_DIR ?? app.getPath('userData');
const logFile = configureFileLog(log, dataDir);
let state: ShellState = loadShellState(dataDir);
let locale: ShellLocale = state.locale ?? 'ar';
const t = () => translator(locale);
const saveState = (patch: ShellState) => {
  state = { ...state, ...patch };
  try {
    saveShellState(dataDir, state);
  } catch (err) {
    log.warn('could not save the shell state', err);
  }
};

registerAppScheme();
// Chromium's locale decides the direction of the native menu bar and dialogs: Arabic mirrors them.
app.commandLine.appendSwitch('lang', chromiumLocale(locale));
if (!app.isPackaged && !process.env[SQLITE_BINDING_ENV]) {
  const dev = join(app.getAppPath(), DEV_ELECTRON_BINDING);
  if (existsSync(dev)) process.env[SQLITE_BINDING_ENV] = dev;
}

const pending: string[] = bundlesInArgv(process.argv.slice(1), process.cwd());
let ctx: AppContext | null = null;
let win: BrowserWindow | null = null;
let loaded = false;
const parent = () => (win && !win.isDestroyed() ? win : null);
const messageBox = (options: Electron.MessageBoxOptions) => {
  const w = parent();
  return w ? dialog.showMessageBox(w, options) : dialog.showMessageBox(options);
};

/** Bundles wait until the window has loaded; then it shows the exchange tab, which imports them (io:openedBundle). */
function openBundles(paths: string[]) {
  if (!paths.length) return;
  if (!ctx || !win || !loaded) return void pending.push(...paths);
  (ctx.openedBundles ??= []).push(...paths);
  focus(win);
  void win.webContents.executeJavaScript(`location.hash = '#/import?tab=exchange&opened=${Date.now()}'`);
}

function showLogs() {
  void shell.openPath(logsDir(dataDir));
}

async function runCommand(command: MenuCommand) {
  if (command === 'openLogFolder') return showLogs();
  if (command === 'about') {
    const d = aboutDialog(t(), {
      app: pkg.version,
      electron: process.versions.electron,
      chrome: process.versions.chrome,
      node: process.versions.node,
    });
    const r = await messageBox({ ...d, type: 'info', defaultId: 0, cancelId: 0 });
    if (r.response === 1)
      void shell.openPath(
        app.isPackaged
          ? join(process.resourcesPath, LICENSES_DIR)
          : join(app.getAppPath(), 'dist-electron', LICENSES_DIR),
      );
    return;
  }
  const options: Electron.OpenDialogOptions = {
    title: t()('desktop.openBundle.title'),
    filters: [{ name: t()('desktop.openBundle.filter'), extensions: [BUNDLE_EXTENSION] }],
    properties: ['openFile'],
  };
  const w = parent();
  const r = await (w ? dialog.showOpenDialog(w, options) : dialog.showOpenDialog(options));
  if (!r.canceled) openBundles(r.filePaths);
}

function buildMenu() {
  installMenu({ t: t(), platform: process.platform, developer: !app.isPackaged }, (c) => void runCommand(c));
}

async function failStartup(err: unknown) {
  log.error('start-up failed', err);
  const d = startupFailureDialog(t(), err instanceof AppError ? err.code : undefined, logFile);
  const r = await messageBox({ ...d, type: 'error', defaultId: 0, cancelId: 0 });
  if (r.response === 1) await shell.openPath(logsDir(dataDir));
  app.exit(1);
}

/**
 * The database key is wrapped by the OS keychain (DPAPI, Keychain, libsecret) through safeStorage; the services get
 * only this adapter. TASLEEM_DB_KEY, when set, is the recovery passphrase (a new machine, a broken keychain).
 */
function desktopUnlock(): Unlock {
  const os: KeyWrapper | undefined = safeStorage.isEncryptionAvailable()
    ? {
        wrap: (plain) => safeStorage.encryptString(plain.toString('base64')),
        unwrap: (wrapped) => Buffer.from(safeStorage.decryptString(wrapped), 'base64'),
      }
    : undefined;
  return { os, passphrase: process.env.TASLEEM_DB_KEY || undefined };
}

if (!app.requestSingleInstanceLock()) {
  // The running instance gets our argv through 'second-instance', bundles included.
  app.quit();
} else {
  log.errorHandler.startCatching({
    showDialog: false,
    onError: () => {
      if (app.isReady())
        void messageBox({ ...runtimeFailureDialog(t(), logFile), type: 'error', defaultId: 0, cancelId: 0 }).then(
          (r) => r.response === 1 && showLogs(),
        );
    },
  });
  app.on('second-instance', (_e, argv, workingDirectory) => {
    focus(win);
    openBundles(bundlesInArgv(argv.slice(1), workingDirectory));
  });
  // macOS hands double-clicked files over by event, also before the app is ready.
  app.on('open-file', (e, path) => {
    e.preventDefault();
    openBundles([path]);
  });

  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!shouldAllowNavigation(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!shouldAllowNavigation(url)) event.preventDefault();
    });
    contents.setWindowOpenHandler(windowOpenDecision);
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  app.whenReady().then(async () => {
    log.info(`Tasleem ${pkg.version} starting (Electron ${process.versions.electron}), data in ${dataDir}`);
    session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) =>
      callback(shouldGrantPermission(permission)),
    );
    session.defaultSession.setPermissionCheckHandler((_wc, permission) => shouldGrantPermission(permission));
    const appPath = app.getAppPath();
    let started: Startup;
    try {
      started = startAppContext({
        dataDir,
        mode: 'desktop',
        unlock: desktopUnlock(),
        migrationsFolder: join(appPath, 'db', 'migrations'),
        resourcesDir: join(appPath, 'resources'),
        workersDir: __dirname,
      });
    } catch (err) {
      return failStartup(err);
    }
    if (started.recovery) {
      // The window shows the recovery screen (the same renderer as always); once a backup is restored or the plain
      // database converted, the app starts again on it, as at any start.
      log.error(`the database did not open: ${started.recovery.code}`, started.recovery.message);
      serveApp(join(appPath, 'dist', 'renderer'), () => null);
      buildMenu();
      registerRecoveryIpc(started.recovery, () => {
        app.relaunch();
        app.exit(0);
      });
      win = createMainWindow({
        preload: join(__dirname, 'preload.cjs'),
        saved: state.window,
        title: 'Tasleem',
        onState: (window) => saveState({ window }),
      });
      return;
    }
    ctx = started.ctx;
    const stopBackups = startBackupSchedule(ctx, (msg, err) => log.error(msg, err));
    app.on('before-quit', stopBackups);
    // The language chosen in the window is stored in the settings too; they win over a lost or older state file.
    const chosen = getSettings(ctx).locale;
    if (isShellLocale(chosen) && chosen !== locale) {
      locale = chosen;
      saveState({ locale });
    }
    const files = filesOf(ctx);
    serveApp(join(appPath, 'dist', 'renderer'), (fileId) => {
      try {
        return files.heldFile(fileId);
      } catch {
        return null;
      }
    });
    buildMenu();
    const signedIn = new DesktopSession(ctx);
    registerFileIpc(ctx, signedIn, {
      pick: (kind, owner, dropped) =>
        pickFile(
          { open: (o) => (parent() ? dialog.showOpenDialog(parent()!, o) : dialog.showOpenDialog(o)), files, t: t() },
          kind,
          owner,
          dropped,
        ),
      made: (kind, fileName, bytes, owner) => admitMadeFile(files, kind, fileName, bytes, owner),
      save: (fileId, owner) =>
        saveHeldFile(
          {
            save: (o) => (parent() ? dialog.showSaveDialog(parent()!, o) : dialog.showSaveDialog(o)),
            copy: (from, to) => copyFile(from, to),
            files,
            t: t(),
            folder: app.getPath('documents'),
          },
          fileId,
          owner,
        ),
    });
    registerIpc(ctx, signedIn, (channel, result) => {
      if (channel !== 'settings:set' || !result.ok) return;
      const next = (result.value as { locale?: unknown }).locale;
      if (isShellLocale(next) && next !== locale) {
        locale = next;
        saveState({ locale });
        buildMenu();
      }
    });
    win = createMainWindow({
      preload: join(__dirname, 'preload.cjs'),
      saved: state.window,
      title: 'Tasleem',
      onState: (window) => saveState({ window }),
    });
    win.on('closed', () => (win = null));
    const appCtx = ctx;
    if (appCtx.events)
      forwardEvents(
        appCtx.events,
        () => parent()?.webContents ?? null,
        () => signedIn.role(appCtx),
      );
    // Leaving the machine locks the app too: the session ends, and the page shows the sign-in screen at once.
    const lockNow = () => {
      signedIn.lock();
      win?.webContents.send(`${IPC_PREFIX}locked`);
    };
    powerMonitor.on('lock-screen', lockNow);
    powerMonitor.on('suspend', lockNow);
    win.webContents.once('did-finish-load', () => {
      loaded = true;
      openBundles(pending.splice(0));
    });
    app.on('before-quit', () => {
      ctx?.files?.clear();
      ctx?.keys.flushAuditHead();
      ctx?.db.close();
    });
  });

  app.on('window-all-closed', () => app.quit());
}
