import NodeLog from 'electron-log/node';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../electron/api/result';
import { aboutDialog, startupFailureDialog } from '../../electron/main/dialog-text';
import { configureFileLog, LOG_KEEP, LOG_MAX_BYTES, rotate } from '../../electron/main/log-setup';
import { buildMenuTemplate, flattenMenu, type MenuItem } from '../../electron/main/menu-template';
import { bundlesInArgv } from '../../electron/main/opened-files';
import {
  DEFAULT_SIZE,
  loadShellState,
  MIN_SIZE,
  parseShellState,
  restoreWindow,
  saveShellState,
  type Rect,
} from '../../electron/main/shell-state';
import { chromiumLocale, SHELL_LOCALES, translator } from '../../electron/main/strings';
import { tempDirs } from '../support/temp';

const tempDir = tempDirs('shell');

describe('native menu', () => {
  const labels = (items: MenuItem[]) =>
    flattenMenu(items)
      .filter((i) => i.type !== 'separator')
      .map((i) => i.label);

  it.each(SHELL_LOCALES)('is labelled entirely in %s, every item', (locale) => {
    const t = translator(locale);
    for (const platform of ['win32', 'linux', 'darwin'] as const) {
      const all = labels(buildMenuTemplate({ t, platform, developer: true }));
      for (const label of all) {
        expect(label, `${platform}: an untranslated key`).not.toMatch(/^desktop\./);
        expect(label?.trim()).toBeTruthy();
      }
    }
  });

  it('has an Edit menu with copy and paste, in Arabic', () => {
    const t = translator('ar');
    const edit = buildMenuTemplate({ t, platform: 'win32', developer: false }).find((m) => m.label === 'تحرير')!;
    expect(edit).toBeDefined();
    const roles = Object.fromEntries(edit.submenu!.filter((i) => i.role).map((i) => [i.role, i.label]));
    expect(roles).toMatchObject({
      undo: 'تراجع',
      redo: 'إعادة',
      cut: 'قص',
      copy: 'نسخ',
      paste: 'لصق',
      selectAll: 'تحديد الكل',
    });
  });

  it('differs between languages (the labels follow the UI language)', () => {
    const of = (locale: (typeof SHELL_LOCALES)[number]) =>
      labels(buildMenuTemplate({ t: translator(locale), platform: 'linux', developer: false }));
    expect(of('ar')[0]).toBe('ملف');
    expect(of('en')[0]).toBe('File');
    expect(of('ku')[0]).toBe('Pel');
    const en = of('en');
    expect(of('ar').filter((l) => en.includes(l))).toEqual([]);
  });

  it('mirrors in Arabic through Chromium’s locale, and keeps Kurmanji left to right', () => {
    expect(chromiumLocale('ar')).toBe('ar');
    expect(chromiumLocale('en')).toMatch(/^en/);
    expect(chromiumLocale('ku')).toMatch(/^en/);
  });

  it('binds the app’s own commands, quits by role, and shows developer tools only in a checkout', () => {
    const t = translator('en');
    const win = flattenMenu(buildMenuTemplate({ t, platform: 'win32', developer: false }));
    expect(
      win
        .filter((i) => i.command)
        .map((i) => i.command)
        .sort(),
    ).toEqual(['about', 'openBundle', 'openLogFolder', 'openLogFolder']);
    expect(win.find((i) => i.command === 'openBundle')?.accelerator).toBe('CmdOrCtrl+O');
    expect(win.some((i) => i.role === 'quit')).toBe(true);
    expect(win.some((i) => i.role === 'toggleDevTools')).toBe(false);
    expect(
      flattenMenu(buildMenuTemplate({ t, platform: 'win32', developer: true })).some(
        (i) => i.role === 'toggleDevTools',
      ),
    ).toBe(true);
    const mac = buildMenuTemplate({ t, platform: 'darwin', developer: false });
    expect(mac[0]!.label).toBe('Tasleem');
    expect(mac[0]!.submenu!.some((i) => i.command === 'about')).toBe(true);
  });
});

describe('window size and position', () => {
  const screen: Rect = { x: 0, y: 0, width: 1920, height: 1040 };
  const right: Rect = { x: 1920, y: 0, width: 1280, height: 984 };

  it('opens where it was when that place is still on a screen', () => {
    const saved = { bounds: { x: 2000, y: 50, width: 1000, height: 700 }, maximized: false };
    expect(restoreWindow(saved, [screen, right])).toEqual(saved);
    expect(restoreWindow({ ...saved, maximized: true }, [screen, right]).maximized).toBe(true);
  });

  it('comes back onto the primary screen, default size and centred, when its monitor is gone', () => {
    const r = restoreWindow({ bounds: { x: 2000, y: 50, width: 1000, height: 700 }, maximized: false }, [screen]);
    expect(r.bounds).toEqual({
      x: (1920 - DEFAULT_SIZE.width) / 2,
      y: (1040 - DEFAULT_SIZE.height) / 2,
      ...DEFAULT_SIZE,
    });
  });

  it('is pulled fully onto the screen and shrunk to it when the resolution dropped', () => {
    const small: Rect = { x: 0, y: 0, width: 1366, height: 728 };
    const r = restoreWindow({ bounds: { x: 900, y: 400, width: 1600, height: 1000 }, maximized: false }, [small]);
    expect(r.bounds).toEqual({ x: 0, y: 0, width: 1366, height: 728 });
    const partly = restoreWindow({ bounds: { x: 1200, y: 300, width: 1000, height: 700 }, maximized: false }, [screen]);
    expect(partly.bounds).toEqual({ x: 920, y: 300, width: 1000, height: 700 });
  });

  it('never opens smaller than the minimum where the screen allows it', () => {
    const r = restoreWindow({ bounds: { x: 10, y: 10, width: 200, height: 150 }, maximized: false }, [screen]);
    expect(r.bounds.width).toBe(MIN_SIZE.width);
    expect(r.bounds.height).toBe(MIN_SIZE.height);
  });

  it('keeps what is valid of a damaged state file and survives garbage', () => {
    expect(parseShellState('{"locale":"ku","window":{"bounds":{"x":"a"}}}')).toEqual({ locale: 'ku' });
    expect(parseShellState('{"locale":"fr"}')).toEqual({});
    expect(parseShellState('not json')).toEqual({});
    expect(parseShellState(null)).toEqual({});
  });

  it('is written whole and read back', () => {
    const dir = tempDir();
    expect(loadShellState(dir)).toEqual({});
    const state = {
      locale: 'en' as const,
      window: { bounds: { x: 5, y: 6, width: 1000, height: 700 }, maximized: true },
    };
    saveShellState(dir, state);
    expect(loadShellState(dir)).toEqual(state);
    expect(readdirSync(dir)).toEqual(['shell-state.json']);
  });
});

describe('bundles the app is opened with', () => {
  it('takes .tasleem files from the command line, relative to where the launch happened', () => {
    const cwd = resolve('/home/staff/Downloads');
    expect(
      bundlesInArgv(
        [
          '--allow-file-access',
          '.',
          'from-hasakah.tasleem',
          resolve('/media/usb/Q.TASLEEM'),
          'notes.txt',
          '--x=a.tasleem',
        ],
        cwd,
      ),
    ).toEqual([join(cwd, 'from-hasakah.tasleem'), resolve('/media/usb/Q.TASLEEM')]);
    expect(bundlesInArgv([], cwd)).toEqual([]);
  });
});

describe('dialogs', () => {
  it('name the log file and give a translated reason for every start-up failure users can act on', () => {
    for (const locale of SHELL_LOCALES) {
      const t = translator(locale);
      for (const code of ['DATA_TOO_NEW', 'DATA_FOLDER_READONLY', 'DISK_FULL'] as const) {
        expect(ERROR_CODES).toContain(code);
        const d = startupFailureDialog(t, code, '/home/u/.config/Tasleem/logs/main.log');
        expect(d.detail).toContain('/home/u/.config/Tasleem/logs/main.log');
        expect(d.detail).toContain(t(`errors.${code}`));
        expect(d.detail).not.toMatch(/errors\.|desktop\./);
        expect(d.buttons).toHaveLength(2);
      }
      expect(startupFailureDialog(t, undefined, 'L').detail).toContain(t('errors.INTERNAL'));
    }
    expect(startupFailureDialog(translator('ar'), 'DATA_TOO_NEW', 'L').detail).toContain('إصدار أحدث');
  });

  it('About shows the version, the runtime and the licences', () => {
    const d = aboutDialog(translator('en'), { app: '0.1.0', electron: '45.5.0', chrome: '140.0', node: '22.1.0' });
    expect(d.message).toBe('Tasleem 0.1.0');
    expect(d.detail).toContain('Electron 45.5.0');
    expect(d.detail).toContain('SIL Open Font License');
    expect(d.buttons).toEqual(['OK', 'Licence files']);
    expect(aboutDialog(translator('ar'), { app: '0.1.0', electron: '1', chrome: '2', node: '3' }).message).toBe(
      'تسليم 0.1.0',
    );
  });
});

describe('log file', () => {
  it('rotates: main.log, then main.1.log … main.N.log, the oldest dropped', () => {
    const dir = tempDir();
    const file = join(dir, 'main.log');
    for (let i = 0; i < LOG_KEEP + 3; i++) {
      writeFileSync(file, `generation ${i}`);
      rotate(file);
    }
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(Array.from({ length: LOG_KEEP }, (_, n) => `main.${n + 1}.log`).sort());
    expect(readFileSync(join(dir, 'main.1.log'), 'utf8')).toBe(`generation ${LOG_KEEP + 2}`);
    expect(readFileSync(join(dir, `main.${LOG_KEEP}.log`), 'utf8')).toBe('generation 3');
  });

  it('electron-log writes into the data folder’s logs/ and rotates there when the file is full', () => {
    const dir = tempDir();
    const log = NodeLog.create({ logId: `shell-test-${Date.now()}` });
    log.transports.console.level = false;
    const file = configureFileLog(log, dir);
    expect(file).toBe(join(dir, 'logs', 'main.log'));
    log.transports.file.maxSize = 4096; // the real limit is LOG_MAX_BYTES; a small one keeps the test quick
    expect(LOG_MAX_BYTES).toBeGreaterThan(1024 * 1024);
    for (let i = 0; i < 60; i++) log.info(`line ${i} ${'x'.repeat(200)}`);
    const files = readdirSync(join(dir, 'logs')).sort();
    expect(files).toContain('main.log');
    expect(files).toContain('main.1.log');
    expect(files.length).toBeLessThanOrEqual(LOG_KEEP + 1);
    for (const f of files) expect(statSync(join(dir, 'logs', f)).size).toBeLessThanOrEqual(4096 + 512);
    expect(readFileSync(file, 'utf8')).toContain('line 59');
  });
});
