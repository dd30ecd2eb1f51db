import { AppShell, Badge, Button, Group, Menu, NavLink, Text, Title } from '@mantine/core';
import { useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { contract, type Channel } from '../../electron/api/contract';
import { mayAccess } from '../../electron/api/schemas/account';
import { SignOutContext, useAccount } from './auth/account';
import { LanguageSwitcher } from './components/LanguageSwitcher';

/** Each entry shows for the roles that may call the channel its page is for. */
const NAV: { to: string; key: string; needs: Channel }[] = [
  { to: '/handovers', key: 'nav.handovers', needs: 'handovers:list' },
  { to: '/totals', key: 'nav.totals', needs: 'totals:get' },
  { to: '/import', key: 'io.nav', needs: 'io:importStart' },
  { to: '/verify', key: 'report.verify.nav', needs: 'report:verify' },
  { to: '/users', key: 'users.nav', needs: 'users:list' },
  { to: '/settings', key: 'nav.settings', needs: 'settings:set' },
];

export function Shell() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const account = useAccount();
  const signOut = useContext(SignOutContext);
  const may = (c: Channel) => mayAccess(account.role, contract[c].access);
  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 220, breakpoint: 'xs' }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="xs">
            <Title order={3}>{t('app.name')}</Title>
            <Text c="dimmed" size="sm">
              {t('app.tagline')}
            </Text>
          </Group>
          <Group gap="sm">
            <LanguageSwitcher persist={may('settings:set')} />
            <Menu position="bottom-end">
              <Menu.Target>
                <Button variant="subtle" data-testid="account-menu" data-role={account.role}>
                  {account.displayName}
                  <Badge ms="xs" variant="light">
                    {t(`roles.${account.role}`)}
                  </Badge>
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label dir="ltr">{account.username}</Menu.Label>
                <Menu.Item component={Link} to="/account">
                  {t('auth.changePassword')}
                </Menu.Item>
                <Menu.Item onClick={signOut} data-testid="sign-out">
                  {t('auth.signOut')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        {NAV.filter((n) => may(n.needs)).map((n) => (
          <NavLink key={n.to} component={Link} to={n.to} label={t(n.key)} active={pathname.startsWith(n.to)} />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
