import { Button, FileButton, Group, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FILE_EXTENSIONS, type FileKind } from '../../../electron/api/domain/limits';
import type { ApiError } from '../../../electron/api/result';
import type { ChosenFile } from '../../../electron/api/schemas/files';
import { admitFile, pickFileNatively } from '../api/client';

export const acceptOf = (kind: FileKind) => FILE_EXTENSIONS[kind].map((e) => `.${e}`).join(',');

/**
 * The one control that hands the app a file the user chooses, admitted for one kind (its limit in FILE_LIMITS): the
 * desktop app shows main's native open dialog (main admits the path), browser mode the page's file input and uploads
 * the bytes. `onChosen` gets the admitted file, whose `fileId` the channel takes; a refusal (too large, signed out)
 * goes to `onError`. The default button speaks the UI language (the browser's own says "Choose File" whatever the app's).
 */
export function FilePicker({
  kind,
  testId,
  disabled,
  showName = true,
  button,
  onChosen,
  onError,
}: {
  kind: FileKind;
  testId: string;
  disabled?: boolean;
  /** Show the chosen file's name beside the button. */
  showName?: boolean;
  /** A button of the page's own (label, size, loading); it must spread the props it is given. */
  button?: (props: { onClick: () => void; disabled?: boolean; loading: boolean }) => ReactNode;
  onChosen(file: ChosenFile): void;
  onError(error: ApiError): void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const settle = async (
    admitting: Promise<{ ok: true; value: ChosenFile | null } | { ok: false; error: ApiError }>,
  ) => {
    setBusy(true);
    try {
      const r = await admitting;
      if (!r.ok) return onError(r.error);
      if (!r.value) return;
      setName(r.value.fileName);
      onChosen(r.value);
    } finally {
      setBusy(false);
    }
  };
  const render =
    button ??
    ((props) => (
      <Button variant="default" {...props}>
        {t('common.chooseFile')}
      </Button>
    ));

  return (
    <Group gap="sm">
      {pickFileNatively ? (
        render({ onClick: () => void settle(pickFileNatively!(kind)), disabled, loading: busy })
      ) : (
        <FileButton
          accept={acceptOf(kind)}
          disabled={disabled}
          inputProps={{ 'data-testid': testId } as Record<string, string>}
          onChange={(f) => f && void settle(admitFile(kind, f))}
        >
          {(props) => render({ ...props, loading: busy })}
        </FileButton>
      )}
      {showName && name && (
        <Text size="sm" dir="auto">
          {name}
        </Text>
      )}
    </Group>
  );
}
