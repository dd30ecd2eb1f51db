import { AppShell, Group, NavLink, SegmentedControl, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { call } from './api/client';
import { LOCALES } from './i18n';

const NAV = [
  { to: '/handovers', key: 'nav.handovers' },
  { to: '/totals', key: 'nav.totals' },
  { to: '/import', key: 'io.nav' },
  { to: '/verify', key: 'report.verify.nav' },
  { to: '/settings', key: 'nav.settings' },
] as const;

export function Shell() {
  const { t, i18n } = useTranslation();
  const { pathname } = useLocation();
  const changeLanguage = (lng: string) => {
    void i18n.changeLanguage(lng);
    void call('settings:set', { patch: { locale: lng as (typeof LOCALES)[number] } });
  };
  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 220, breakpoint: 'xs' }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="xs">
            <Title order={3}>{t('app.name')}</Title>
            <Text c="dimmed" size="sm">{t('app.tagline')}</Text>
          </Group>
          <SegmentedControl
            aria-label={t('nav.language')}
            value={i18n.language}
            onChange={changeLanguage}
            data={LOCALES.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
            data-testid="language-switcher"
          />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        {NAV.map((n) => (
          <NavLink key={n.to} component={Link} to={n.to} label={t(n.key)} active={pathname.startsWith(n.to)} />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
