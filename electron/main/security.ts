/**
 * The desktop window's security policy as plain data and pure functions, so it is unit-tested without Electron.
 * main.ts only wires these into Electron's events.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'", // Mantine injects its CSS variables at runtime
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  // No page may frame the app (clickjacking). Only honoured as a header: browser mode sends it; a meta tag ignores it.
  "frame-ancestors 'none'",
].join('; ');

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
  spellcheck: false,
} as const;

/** The app's own pages: the bundled renderer (file://) or the dev server during development. */
export function isAppUrl(url: string, appOrigin: string): boolean {
  try {
    const u = new URL(url);
    if (appOrigin === 'file://') return u.protocol === 'file:';
    return u.origin === appOrigin;
  } catch {
    return false;
  }
}

/** Navigation away from the app is refused; so is every new window. */
export const shouldAllowNavigation = (url: string, appOrigin: string) => isAppUrl(url, appOrigin);
export const windowOpenDecision = () => ({ action: 'deny' as const });
/** Camera, microphone, geolocation, notifications…: the app needs none. */
export const shouldGrantPermission = (_permission: string) => false;

/** An ipc message is trusted only from the main frame of our window showing our own page. */
export function isTrustedSender(frame: { url: string; parent: unknown } | null | undefined, appOrigin: string): boolean {
  if (!frame) return false;
  if (frame.parent) return false;
  return isAppUrl(frame.url, appOrigin);
}
