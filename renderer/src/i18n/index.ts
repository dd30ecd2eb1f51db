import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import ar from './locales/ar.json';
import en from './locales/en.json';
import ku from './locales/ku.json';

export const LOCALES = ['ar', 'en', 'ku'] as const;
export type UiLocale = (typeof LOCALES)[number];
export const catalogs = { ar, en, ku } as const;
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
    resources: { ar: { translation: ar }, en: { translation: en }, ku: { translation: ku } },
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
