import { Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitcher } from '../components/LanguageSwitcher';

/** The frame of the screens shown before anyone is signed in. */
export function AuthLayout({ title, intro, children }: { title: string; intro?: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Center mih="100vh" p="md">
      <Stack w={420} gap="md">
        <Group justify="space-between">
          <Title order={2}>{t('app.name')}</Title>
          <LanguageSwitcher persist={false} />
        </Group>
        <Paper withBorder p="lg" radius="md">
          <Title order={3} mb="xs">
            {title}
          </Title>
          {intro && (
            <Text c="dimmed" size="sm" mb="md">
              {intro}
            </Text>
          )}
          {children}
        </Paper>
      </Stack>
    </Center>
  );
}
