import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ENTRY, resolveAppRequest } from '../../electron/main/app-protocol';
import {
  CONTENT_SECURITY_POLICY,
  SECURE_WEB_PREFERENCES,
  SECURITY_HEADERS,
  isTrustedSender,
  shouldAllowNavigation,
  shouldGrantPermission,
  windowOpenDecision,
} from '../../electron/main/security';

const root = join('/opt', 'Tasleem', 'resources', 'app.asar', 'dist', 'renderer');
const HOSTILE = [
  'file:///home/user/Downloads/attachment.html',
  'file:///opt/Tasleem/resources/app.asar/dist/renderer/index.html',
  'app://evil/index.html',
  'app://tasleem.evil/index.html',
  'app://tasleem:8080/index.html',
  'app://user@tasleem/index.html',
  'data:text/html,<script>alert(1)</script>',
  'javascript:alert(1)',
  'https://tasleem/index.html',
  'http://127.0.0.1:5173/',
  'about:blank',
  'not a url',
  '',
];

describe('window security policy', () => {
  it('isolates and sandboxes the renderer, and never navigates on a dropped file', () => {
    expect(SECURE_WEB_PREFERENCES).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webviewTag: false,
      webSecurity: true,
      navigateOnDragDrop: false,
    });
  });

  it('declares the CSP once: self only, no inline script, no remote hosts, no framing', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:/);
    expect(SECURITY_HEADERS['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    // The renderer's HTML carries no second copy that could drift from the header.
    expect(readFileSync(join(import.meta.dirname, '../../renderer/index.html'), 'utf8')).not.toMatch(
      /Content-Security-Policy/i,
    );
  });

  it('allows navigation inside app://tasleem only', () => {
    expect(shouldAllowNavigation(APP_ENTRY)).toBe(true);
    expect(shouldAllowNavigation('app://tasleem/index.html#/totals')).toBe(true);
    for (const url of HOSTILE) expect(shouldAllowNavigation(url), url).toBe(false);
    expect(windowOpenDecision()).toEqual({ action: 'deny' });
  });

  it('grants no permission', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal'])
      expect(shouldGrantPermission(p)).toBe(false);
  });

  it('trusts ipc only from the main frame of the app page', () => {
    expect(isTrustedSender({ url: APP_ENTRY, parent: null })).toBe(true);
    expect(isTrustedSender({ url: 'app://tasleem/index.html#/handovers/1', parent: null })).toBe(true);
    expect(isTrustedSender({ url: APP_ENTRY, parent: {} })).toBe(false);
    for (const url of HOSTILE) expect(isTrustedSender({ url, parent: null }), url).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
  });
});

describe('app:// protocol handler', () => {
  const serve = (url: string) => resolveAppRequest(url, root);

  it('serves the renderer build with the right types, / as index.html', () => {
    expect(serve('app://tasleem/')).toEqual({
      ok: true,
      file: join(root, 'index.html'),
      mime: 'text/html; charset=utf-8',
    });
    expect(serve('app://tasleem/index.html?x=1#/totals')).toMatchObject({ ok: true, file: join(root, 'index.html') });
    expect(serve('app://tasleem/assets/index-abc.js')).toEqual({
      ok: true,
      file: join(root, 'assets', 'index-abc.js'),
      mime: 'text/javascript; charset=utf-8',
    });
    expect(serve('app://tasleem/assets/app.css')).toMatchObject({ mime: 'text/css; charset=utf-8' });
    expect(serve('app://tasleem/assets/noto.woff2')).toMatchObject({ mime: 'font/woff2' });
    expect(serve('app://tasleem/assets/world.json')).toMatchObject({ mime: 'application/json' });
    expect(serve('app://tasleem/assets/flag.svg')).toMatchObject({ mime: 'image/svg+xml' });
    expect(serve('app://tasleem/assets/unknown.bin')).toMatchObject({ mime: 'application/octet-stream' });
    expect(serve('app://tasleem/assets/%D8%AA%D8%B3%D9%84%D9%8A%D9%85.png')).toMatchObject({
      ok: true,
      file: join(root, 'assets', 'تسليم.png'),
    });
  });

  it.each([
    'app://tasleem/../../etc/passwd',
    'app://tasleem/%2e%2e/%2e%2e/etc/passwd',
    'app://tasleem/assets/%2E%2E/%2E%2E/%2E%2E/etc/passwd',
    'app://tasleem/..%2f..%2fetc%2fpasswd',
    'app://tasleem/assets%2F..%2F..%2Fsecret',
    'app://tasleem/..%5c..%5cwindows%5cwin.ini',
    'app://tasleem/C:/Windows/win.ini',
    'app://tasleem/index.html%00.png',
    'app://tasleem/%E0%A4%A',
  ])('refuses %s', (url) => {
    const r = serve(url);
    expect(r.ok).toBe(false);
    if (!r.ok) expect([400, 403]).toContain(r.status);
  });

  it.each([
    'app://other/index.html',
    'app://evil/../tasleem/index.html',
    'file:///etc/passwd',
    'https://tasleem/index.html',
    'data:text/html,x',
    'javascript:alert(1)',
  ])('refuses other hosts and schemes: %s', (url) => expect(serve(url)).toMatchObject({ ok: false, status: 403 }));

  it('never resolves outside the renderer folder, whatever the path', () => {
    const segments = ['..', '.', '%2e%2e', '%2E.', 'a', 'assets', '%2f', '%5c', '\\', '~', 'etc', 'passwd', '%00', ''];
    let served = 0;
    for (let i = 0; i < 4000; i++) {
      const path = Array.from(
        { length: 1 + (i % 6) },
        (_, k) => segments[(i * 7 + k * 13 + (i >> k)) % segments.length],
      ).join('/');
      const r = serve(`app://tasleem/${path}`);
      if (r.ok) {
        served++;
        expect(r.file === root || r.file.startsWith(root + '/') || r.file.startsWith(root + '\\'), path).toBe(true);
        expect(r.file).not.toContain('..');
      }
    }
    expect(served).toBeGreaterThan(0);
  });
});
