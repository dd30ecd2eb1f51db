import { Paper, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A titled block of a page: a bordered paper under its heading. */
export function Section({ title, testId, children }: { title: ReactNode; testId?: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" data-testid={testId}>
      <Title order={4} mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}
