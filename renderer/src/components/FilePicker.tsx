import { Button, FileButton, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** A file input whose button speaks the UI language (the browser's own says "Choose File" whatever the app's language). */
export function FilePicker({
  accept,
  testId,
  disabled,
  onFile,
}: {
  accept: string;
  testId: string;
  disabled?: boolean;
  onFile(file: File): void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState<string | null>(null);
  return (
    <Group gap="sm">
      <FileButton
        accept={accept}
        disabled={disabled}
        inputProps={{ 'data-testid': testId } as Record<string, string>}
        onChange={(f) => {
          if (!f) return;
          setName(f.name);
          onFile(f);
        }}
      >
        {(props) => (
          <Button variant="default" {...props}>
            {t('common.chooseFile')}
          </Button>
        )}
      </FileButton>
      {name && (
        <Text size="sm" dir="auto">
          {name}
        </Text>
      )}
    </Group>
  );
}
