import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';

export const LOCALES = ['ar', 'en', 'ku'] as const;
export type UiLocale = (typeof LOCALES)[number];
type Catalog = Record<string, unknown>;

/** Each area keeps its strings in locales/<lng>/<area>.json, so areas can grow without touching each other. */
const files = import.meta.glob<Catalog>('./locales/*/*.json', { eager: true, import: 'default' });
export const catalogs: Record<UiLocale, Catalog> = { ar: {}, en: {}, ku: {} };
for (const [path, catalog] of Object.entries(files)) {
  const lng = path.split('/')[2] as UiLocale;
  if (lng in catalogs) Object.assign(catalogs[lng], catalog);
}
const STORAGE_KEY = 'tasleem.locale';

export const isRtl = (lng: string) => lng === 'ar';
/** Intl locale per UI language: Kurmanji is 'ku' for i18next but 'kmr' in CLDR, with Latin digits. */
export const intlLocale = (lng: string) => (lng === 'ar' ? 'ar-SY' : lng === 'ku' ? 'ku' : 'en-GB');

function storedLocale(): UiLocale {
  const v = localStorage.getItem(STORAGE_KEY);
  return (LOCALES as readonly string[]).includes(v ?? '') ? (v as UiLocale) : 'ar';
}

function applyDocumentLanguage(lng: string) {
  document.documentElement.lang = lng;
  document.documentElement.dir = isRtl(lng) ? 'rtl' : 'ltr';
}

export function setupI18n() {
  void i18n.use(initReactI18next).init({
    resources: { ar: { translation: catalogs.ar }, en: { translation: catalogs.en }, ku: { translation: catalogs.ku } },
    lng: storedLocale(),
    fallbackLng: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  applyDocumentLanguage(i18n.language);
  i18n.on('languageChanged', (lng) => {
    localStorage.setItem(STORAGE_KEY, lng);
    applyDocumentLanguage(lng);
  });
  return i18n;
}
