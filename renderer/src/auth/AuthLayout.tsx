import { Center, Group, Paper, Stack, Text, Title, type StackProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitcher } from '../components/LanguageSwitcher';

type Frame = Pick<StackProps, 'w' | 'maw'> & { 'data-testid'?: string; 'data-code'?: string };

/** The frame of the screens shown before anyone is signed in (and of the recovery screen, wider). */
export function AuthLayout({
  title,
  intro,
  children,
  w = 420,
  ...frame
}: { title: string; intro?: string; children: ReactNode } & Frame) {
  const { t } = useTranslation();
  return (
    <Center mih="100vh" p="md">
      <Stack w={w} gap="md" {...frame}>
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
