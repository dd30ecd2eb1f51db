/**
 * Where the SQLite addon comes from. Node (vitest, the CLI, browser mode) uses the one npm built under
 * node_modules; the desktop app started from a checkout sets TASLEEM_SQLITE_BINDING to the Electron build made by
 * scripts/electron-native.js, because one .node file cannot serve both ABIs. Worker threads inherit the variable.
 * A packaged app leaves it unset: electron-builder rebuilt node_modules for Electron.
 */
export const SQLITE_BINDING_ENV = 'TASLEEM_SQLITE_BINDING';
/** Where scripts/electron-native.js puts the Electron build, relative to the checkout. */
export const DEV_ELECTRON_BINDING = '.electron-native/better_sqlite3.node';

export const sqliteNativeBinding = (env: NodeJS.ProcessEnv = process.env): string | undefined =>
  env[SQLITE_BINDING_ENV] || undefined;
