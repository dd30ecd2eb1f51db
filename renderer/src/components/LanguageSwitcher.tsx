import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { LOCALES, type UiLocale } from '../i18n';

/** The UI language; kept in this browser, and as the office default when an administrator changes it. */
export function LanguageSwitcher({ persist }: { persist: boolean }) {
  const { t, i18n } = useTranslation();
  const change = (lng: string) => {
    void i18n.changeLanguage(lng);
    if (persist) void call('settings:set', { patch: { locale: lng as UiLocale } });
  };
  return (
    <SegmentedControl
      aria-label={t('nav.language')}
      value={i18n.language}
      onChange={change}
      data={LOCALES.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
      data-testid="language-switcher"
    />
  );
}
