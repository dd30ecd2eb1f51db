import {
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  ScrollArea,
  Select,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Handover } from '../../../../electron/api/schemas/handover';
import { manifestInput, type Person } from '../../../../electron/api/schemas/person';
import type { ApiError } from '../../../../electron/api/result';
import { call } from '../../api/client';
import { explainError } from '../../lib/errors';
import { toFieldIssues } from '../../../../electron/api/schemas/issues';
import { issuesByPath } from '../../lib/validation';
import { HeadedTable } from '../HeadedTable';

type Row = Omit<Person, 'position'>;
/** A child's two yes-or-no facts, each a checkbox in its row (a woman or a man has neither). */
const CHILD_FLAGS = ['unaccompanied', 'consentRecorded'] as const;
const blank = (): Row => ({
  id: crypto.randomUUID(),
  fullNameAr: '',
  fullNameLatin: '',
  sex: 'f',
  birthYear: null,
  birthDate: null,
  category: 'child',
  motherId: null,
  camp: '',
  idDocumentNo: '',
  unaccompanied: false,
  consentRecorded: false,
});

/** Edits the whole manifest of a draft as one table; saved in one call, checked as a whole. */
export function ManifestEditor({
  handover,
  initial,
  onClose,
  onSaved,
}: {
  handover: Handover;
  initial: Person[];
  onClose(): void;
  onSaved(): void;
}) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<Row[]>(initial.length ? initial.map(({ position: _p, ...r }) => r) : [blank()]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<ApiError | null>(null);
  const update = (i: number, patch: Partial<Row>) =>
    setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const women = rows
    .filter((r) => r.category === 'woman')
    .map((r) => ({ value: r.id, label: r.fullNameAr || r.fullNameLatin || '—' }));
  const err = (i: number, f: string) => (errors[`${i}.${f}`] ? t(`validation.${errors[`${i}.${f}`]}`) : undefined);

  async function save() {
    const parsed = manifestInput.safeParse(rows);
    if (!parsed.success) return setErrors(issuesByPath(toFieldIssues(parsed.error)));
    setErrors({});
    const r = await call('handovers:setManifest', {
      id: handover.id,
      expectedRevision: handover.revision,
      persons: rows,
    });
    if (!r.ok) {
      setErrors(
        issuesByPath((r.error.details?.issues ?? []).map((x) => ({ ...x, path: x.path.replace(/^persons\./, '') }))),
      );
      return setFailure(r.error);
    }
    onSaved();
  }

  return (
    <Modal opened onClose={onClose} size="100%" title={t('detail.editManifest')}>
      <ScrollArea>
        <HeadedTable
          data-testid="manifest-editor"
          miw={1200}
          head={[
            t('person.fullNameAr'),
            t('person.fullNameLatin'),
            t('person.category'),
            t('person.sex'),
            t('person.birthYear'),
            t('person.mother'),
            t('person.idDocumentNo'),
            t('person.unaccompanied'),
            t('person.consentRecorded'),
            null,
          ]}
        >
          {rows.map((r, i) => (
            <Table.Tr key={r.id}>
              <Table.Td>
                <TextInput
                  dir="rtl"
                  aria-label={t('person.fullNameAr')}
                  value={r.fullNameAr}
                  onChange={(e) => update(i, { fullNameAr: e.currentTarget.value })}
                  error={err(i, 'fullNameAr')}
                  name={`p${i}-ar`}
                />
              </Table.Td>
              <Table.Td>
                <TextInput
                  dir="ltr"
                  aria-label={t('person.fullNameLatin')}
                  value={r.fullNameLatin}
                  onChange={(e) => update(i, { fullNameLatin: e.currentTarget.value })}
                  name={`p${i}-latin`}
                />
              </Table.Td>
              <Table.Td>
                <Select
                  aria-label={t('person.category')}
                  allowDeselect={false}
                  data={(['woman', 'child', 'man'] as const).map((c) => ({
                    value: c,
                    label: t(`person.categories.${c}`),
                  }))}
                  value={r.category}
                  onChange={(v) =>
                    update(i, {
                      category: (v ?? 'child') as Row['category'],
                      ...(v !== 'child' ? { motherId: null, unaccompanied: false } : {}),
                    })
                  }
                  error={err(i, 'category')}
                  name={`p${i}-category`}
                />
              </Table.Td>
              <Table.Td>
                <Select
                  aria-label={t('person.sex')}
                  allowDeselect={false}
                  data={(['f', 'm'] as const).map((s) => ({ value: s, label: t(`person.sexes.${s}`) }))}
                  value={r.sex}
                  onChange={(v) => update(i, { sex: (v ?? 'f') as Row['sex'] })}
                  name={`p${i}-sex`}
                />
              </Table.Td>
              <Table.Td>
                <NumberInput
                  aria-label={t('person.birthYear')}
                  w={90}
                  allowDecimal={false}
                  min={1900}
                  max={2100}
                  value={r.birthYear ?? ''}
                  onChange={(v) => update(i, { birthYear: v === '' ? null : Number(v) })}
                  error={err(i, 'birthYear')}
                  name={`p${i}-year`}
                />
              </Table.Td>
              <Table.Td>
                <Select
                  aria-label={t('person.mother')}
                  clearable
                  disabled={r.category !== 'child'}
                  data={women}
                  value={r.motherId}
                  onChange={(v) => update(i, { motherId: v })}
                  error={err(i, 'motherId')}
                />
              </Table.Td>
              <Table.Td>
                <TextInput
                  dir="ltr"
                  aria-label={t('person.idDocumentNo')}
                  value={r.idDocumentNo}
                  onChange={(e) => update(i, { idDocumentNo: e.currentTarget.value })}
                />
              </Table.Td>
              {CHILD_FLAGS.map((flag) => (
                <Table.Td key={flag}>
                  <Checkbox
                    aria-label={t(`person.${flag}`)}
                    disabled={r.category !== 'child'}
                    checked={r[flag]}
                    onChange={(e) => update(i, { [flag]: e.currentTarget.checked })}
                  />
                </Table.Td>
              ))}
              <Table.Td>
                <Button variant="subtle" color="red" onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))}>
                  {t('common.remove')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </HeadedTable>
      </ScrollArea>
      <Text size="sm" c="dimmed" mt="xs">
        {t('detail.manifestHint')}
      </Text>
      {failure && (
        <Alert color="red" mt="sm">
          {explainError(t, failure)}
        </Alert>
      )}
      <Group mt="md" justify="space-between">
        <Button variant="light" onClick={() => setRows((rs) => [...rs, blank()])} data-testid="add-person">
          {t('detail.addPerson')}
        </Button>
        <Group>
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => void save()} data-testid="save-manifest">
            {t('common.save')}
          </Button>
        </Group>
      </Group>
    </Modal>
  );
}
