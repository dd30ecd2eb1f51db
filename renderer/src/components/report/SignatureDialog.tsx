import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import SignaturePad from 'signature_pad';
import type { SignerRole } from '../../../../electron/api/schemas/report';
import { admitFile, call } from '../../api/client';

interface Props {
  handoverId: string;
  role: SignerRole;
  defaultName: string;
  defaultTitle: string;
  onClose(signed: boolean): void;
}

/** One signer draws on the canvas; the PNG is stored with name, role and time, and printed into the report. */
export function SignatureDialog({ handoverId, role, defaultName, defaultTitle, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const canvas = useRef<HTMLCanvasElement | null>(null);
  const pad = useRef<SignaturePad | null>(null);
  const [name, setName] = useState(defaultName);
  const [title, setTitle] = useState(defaultTitle);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [now] = useState(() => new Date());

  useEffect(() => {
    // Mantine mounts the modal's content after a frame; size the canvas for the screen's pixel ratio then.
    const id = requestAnimationFrame(() => {
      const c = canvas.current;
      if (!c) return;
      const ratio = Math.max(window.devicePixelRatio || 1, 1);
      c.width = c.offsetWidth * ratio;
      c.height = c.offsetHeight * ratio;
      c.getContext('2d')?.scale(ratio, ratio);
      pad.current = new SignaturePad(c, { penColor: '#10205a', minWidth: 0.8, maxWidth: 2.4 });
    });
    return () => {
      cancelAnimationFrame(id);
      pad.current?.off();
    };
  }, []);

  async function save() {
    if (!name.trim()) return setError(t('validation.required'));
    if (!pad.current || pad.current.isEmpty()) return setError(t('report.sign.empty'));
    setBusy(true);
    // The drawing has no path: its PNG is admitted as bytes (browser mode's upload, or main over ipc), then signed by id.
    const png = await new Promise<Blob | null>((resolve) => canvas.current!.toBlob(resolve, 'image/png'));
    const admitted = png
      ? await admitFile('signaturePng', png, 'signature.png')
      : ({ ok: false, error: { code: 'UNSUPPORTED_TYPE', message: '' } } as const);
    const r = admitted.ok
      ? await call('report:sign', {
          handoverId,
          role,
          signerName: name,
          signerTitle: title,
          fileId: admitted.value.fileId,
        })
      : admitted;
    setBusy(false);
    if (!r.ok) return setError(t(`errors.${r.error.code}`));
    onClose(true);
  }

  return (
    <Modal
      opened
      onClose={() => onClose(false)}
      title={t('report.sign.title', { role: t(`report.roles.${role}`) })}
      size="lg"
      centered
    >
      <Stack>
        <Group grow>
          <TextInput
            label={t('report.sign.name')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            required
            data-testid="signer-name"
          />
          <TextInput
            label={t('report.sign.signerTitle')}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            data-testid="signer-title"
          />
        </Group>
        <Text size="sm" c="dimmed">
          {[t(`report.roles.${role}`), now.toLocaleString(i18n.language === 'ar' ? 'ar-SY-u-nu-latn' : 'en-GB')].join(
            t('common.listSeparator'),
          )}
        </Text>
        <canvas
          ref={canvas}
          data-testid="signature-canvas"
          aria-label={t('report.sign.canvas')}
          style={{
            width: '100%',
            height: 200,
            border: '1px dashed var(--mantine-color-gray-5)',
            borderRadius: 6,
            touchAction: 'none',
            background: '#fff',
            direction: 'ltr',
          }}
        />
        {error && <Alert color="red">{error}</Alert>}
        <Group justify="space-between">
          <Button variant="subtle" onClick={() => pad.current?.clear()}>
            {t('report.sign.clear')}
          </Button>
          <Group>
            <Button variant="default" onClick={() => onClose(false)}>
              {t('common.cancel')}
            </Button>
            <Button onClick={() => void save()} loading={busy} data-testid="save-signature">
              {t('report.sign.save')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
