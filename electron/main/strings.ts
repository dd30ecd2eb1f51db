import arCore from '../../renderer/src/i18n/locales/ar/core.json';
import arDesktop from '../../renderer/src/i18n/locales/ar/desktop.json';
import enCore from '../../renderer/src/i18n/locales/en/core.json';
import enDesktop from '../../renderer/src/i18n/locales/en/desktop.json';
import kuCore from '../../renderer/src/i18n/locales/ku/core.json';
import kuDesktop from '../../renderer/src/i18n/locales/ku/desktop.json';

/** The main process speaks the renderer's catalogs (menus, dialogs, error codes), so every string has one home. */
export const SHELL_LOCALES = ['ar', 'en', 'ku'] as const;
export type ShellLocale = (typeof SHELL_LOCALES)[number];
type Tree = { [k: string]: string | Tree };

const catalogs: Record<ShellLocale, Tree> = {
  ar: { ...arCore, ...arDesktop } as Tree,
  en: { ...enCore, ...enDesktop } as Tree,
  ku: { ...kuCore, ...kuDesktop } as Tree,
};

export const isShellLocale = (v: unknown): v is ShellLocale => (SHELL_LOCALES as readonly unknown[]).includes(v);
export const isRtlLocale = (locale: ShellLocale) => locale === 'ar';

export type Translate = (key: string, params?: Record<string, string | number>) => string;

/** i18next's `{{name}}` interpolation, enough for the shell's few strings; a missing key shows itself. */
export function translator(locale: ShellLocale): Translate {
  return (key, params = {}) => {
    const found = key
      .split('.')
      .reduce<string | Tree | undefined>(
        (node, part) => (typeof node === 'object' ? node[part] : undefined),
        catalogs[locale],
      );
    if (typeof found !== 'string') return key;
    return found.replace(/\{\{\s*(\w+)\s*\}\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
  };
}

/** The OS language as a first guess before the user has chosen one (Kurmanji may be reported as ku or kmr). */
export function localeFromSystem(preferred: readonly string[]): ShellLocale {
  for (const tag of preferred) {
    const lang = tag.toLowerCase().split(/[-_]/)[0];
    if (lang === 'ar') return 'ar';
    if (lang === 'ku' || lang === 'kmr') return 'ku';
    if (lang === 'en') return 'en';
  }
  return 'ar';
}

/**
 * The locale Chromium runs in (the --lang switch, set before the app is ready). It decides the direction of the
 * native menu bar, menus and dialogs on Windows and Linux, so Arabic mirrors them. Chromium has no Kurmanji
 * resources; Kurdish runs in British English's, which are left to right like Kurmanji.
 */
export const chromiumLocale = (locale: ShellLocale) => (locale === 'ar' ? 'ar' : 'en-GB');
