import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, SECURE_WEB_PREFERENCES, isTrustedSender, shouldAllowNavigation, shouldGrantPermission, windowOpenDecision } from '../../electron/main/security';

describe('window security policy', () => {
  it('isolates and sandboxes the renderer', () => {
    expect(SECURE_WEB_PREFERENCES).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webviewTag: false, webSecurity: true });
  });
  it('allows only self in the CSP, no inline script, no remote hosts', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:/);
  });
  it('refuses navigation away from the app and every new window', () => {
    expect(shouldAllowNavigation('file:///app/dist/renderer/index.html#/totals', 'file://')).toBe(true);
    expect(shouldAllowNavigation('https://example.org/', 'file://')).toBe(false);
    expect(shouldAllowNavigation('not a url', 'file://')).toBe(false);
    expect(windowOpenDecision()).toEqual({ action: 'deny' });
  });
  it('grants no permission', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) expect(shouldGrantPermission(p)).toBe(false);
  });
  it('trusts ipc only from the main frame of the app page', () => {
    expect(isTrustedSender({ url: 'file:///x/index.html', parent: null }, 'file://')).toBe(true);
    expect(isTrustedSender({ url: 'file:///x/index.html', parent: {} }, 'file://')).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', parent: null }, 'file://')).toBe(false);
    expect(isTrustedSender(null, 'file://')).toBe(false);
  });
});
