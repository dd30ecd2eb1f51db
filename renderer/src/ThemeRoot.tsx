import { DirectionProvider, MantineProvider, createTheme, useDirection } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isRtl } from './i18n';
import { dayjsLocale } from './lib/dayjs-locales';

const theme = createTheme({
  fontFamily: "'Tasleem', sans-serif",
  headings: { fontFamily: "'Tasleem', sans-serif" },
  primaryColor: 'teal',
});

function DirectionSync() {
  const { i18n } = useTranslation();
  const { setDirection } = useDirection();
  useEffect(() => setDirection(isRtl(i18n.language) ? 'rtl' : 'ltr'), [i18n.language, setDirection]);
  return null;
}

export function ThemeRoot({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  return (
    <DirectionProvider initialDirection={isRtl(i18n.language) ? 'rtl' : 'ltr'} detectDirection={false}>
      <DirectionSync />
      <MantineProvider theme={theme}>
        <DatesProvider settings={{ locale: dayjsLocale(i18n.language), firstDayOfWeek: 6 }}>{children}</DatesProvider>
      </MantineProvider>
    </DirectionProvider>
  );
}
