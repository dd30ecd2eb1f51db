import { isAppUrl } from './app-protocol';

/**
 * The desktop window's security policy as plain data and pure functions, so it is unit-tested without Electron.
 * main.ts only wires these into Electron's events.
 */

/** The one CSP: sent as a header by the app:// handler and by browser mode (frame-ancestors only works as a header). */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'", // Mantine injects its CSS variables at runtime
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-src 'self'", // the report's preview: the PDF itself, served by the app (HELD_FILE_HEADERS)
  "base-uri 'none'",
  "form-action 'none'",
  // No page may frame the app (clickjacking). Only honoured as a header: the app:// handler and browser mode send it.
  "frame-ancestors 'none'",
].join('; ');

/** Headers every page and asset of the app is served with, whatever the transport. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
};

/**
 * Headers of a file the app produced, served for the preview or a download (app://tasleem/files/…, browser mode's
 * /files/…): only the app's own pages may frame it, and the browser never guesses another type.
 */
export function heldFileHeaders(file: { fileName: string; mime: string; size: number }, download: boolean) {
  return {
    'content-type': file.mime,
    'content-length': String(file.size),
    'content-disposition': `${download ? 'attachment' : 'inline'}; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    'content-security-policy': "frame-ancestors 'self'",
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  };
}

export const SECURE_WEB_PREFERENCES = {
  sandbox: true,
  contextIsolation: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webviewTag: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  spellcheck: false,
} as const;

export { isAppUrl };

/** Navigation and redirects stay on app://tasleem; file:, data:, javascript: and every other host are refused. */
export const shouldAllowNavigation = (url: string) => isAppUrl(url);
export const windowOpenDecision = () => ({ action: 'deny' as const });
/** Camera, microphone, geolocation, notifications…: the app needs none. */
export const shouldGrantPermission = (_permission: string) => false;

/** An ipc message is trusted only from the main frame of our window showing our own page. */
export function isTrustedSender(frame: { url: string; parent: unknown } | null | undefined): boolean {
  if (!frame) return false;
  if (frame.parent) return false;
  return isAppUrl(frame.url);
}
