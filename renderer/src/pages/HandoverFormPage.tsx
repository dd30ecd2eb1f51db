import {
  Alert,
  Button,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  type TextInputProps,
  Textarea,
  Title,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker, useNavigate, useParams } from 'react-router-dom';
import { CAMPS, COUNT_FIELDS, DOCUMENT_LANGUAGES, type DelegationMember } from '../../../electron/api/domain/handover';
import {
  blankFields,
  handoverFields,
  pickContent,
  recordFields,
  type Handover,
  type HandoverFieldsInput,
} from '../../../electron/api/schemas/handover';
import { call, callOrThrow } from '../api/client';
import { CountrySelect } from '../components/CountrySelect';
import { dateWarning } from '../lib/date-warning';
import { explainError } from '../lib/errors';
import { formatDate, formatNumber } from '../lib/format';
import { toFieldIssues } from '../../../electron/api/schemas/issues';
import { issuesByPath } from '../lib/validation';
import { Section } from '../components/Section';

type Form = HandoverFieldsInput;
/** The fields held as free text (not a choice from a list, a number or a list). */
type TextKey = {
  [K in keyof Form]-?: string extends Exclude<Form[K], null | undefined> ? K : never;
}[keyof Form];

/** A new record: the table's defaults, today's date and this office's own details from the settings. */
function blankForm(defaults: {
  handingAuthority: string;
  handingOfficialName: string;
  handingOfficialTitle: string;
  defaultLocation: string;
}): Form {
  const { handingAuthority, handingOfficialName, handingOfficialTitle, defaultLocation } = defaults;
  return {
    ...blankFields(),
    handoverDate: new Date().toISOString().slice(0, 10),
    handingAuthority,
    handingOfficialName,
    handingOfficialTitle,
    location: defaultLocation,
  };
}

export function HandoverFormPage({ amend = false }: { amend?: boolean }) {
  const { id } = useParams();
  const settings = useQuery({ queryKey: ['settings'], queryFn: () => callOrThrow('settings:get', {}) });
  const existing = useQuery({
    queryKey: ['handover', id],
    queryFn: () => callOrThrow('handovers:get', { id: id! }),
    enabled: !!id,
  });
  if (!settings.data || (id && !existing.data)) return <Text>{'…'}</Text>;
  return (
    <HandoverForm
      key={`${id ?? 'new'}-${amend}`}
      initial={existing.data ? pickContent(existing.data) : blankForm(settings.data)}
      existing={existing.data}
      amend={amend}
    />
  );
}

function HandoverForm({ initial, existing, amend }: { initial: Form; existing?: Handover; amend: boolean }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<Form>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [savedOnce, setSavedOnce] = useState(false);
  const [reason, setReason] = useState('');
  const warning = dateWarning(form.handoverDate);
  // The suggested reference number is the app's, not the user's: it alone does not make leaving need a confirmation.
  const [baseline, setBaseline] = useState<Form>(initial);
  const dirty = !savedOnce && JSON.stringify(form) !== JSON.stringify(baseline);

  useEffect(() => {
    if (existing || form.referenceNo) return;
    const year = Number(form.handoverDate?.slice(0, 4)) || new Date().getFullYear();
    void call('handovers:suggestReference', { year }).then((r) => {
      if (!r.ok) return;
      setForm((f) => (f.referenceNo ? f : { ...f, referenceNo: r.value.referenceNo }));
      setBaseline((b) => (b.referenceNo ? b : { ...b, referenceNo: r.value.referenceNo }));
    });
  }, [existing, form.referenceNo, form.handoverDate]);

  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    if (!dirty) return;
    const onUnload = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', onUnload);
    return () => window.removeEventListener('beforeunload', onUnload);
  }, [dirty]);

  const set = <K extends keyof Form>(key: K, value: Form[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    // A corrected field stops showing its old message; the next save checks everything again.
    setErrors((e) =>
      Object.fromEntries(Object.entries(e).filter(([path]) => path !== key && !path.startsWith(`${String(key)}.`))),
    );
  };
  const num = (v: number | string) => (typeof v === 'number' ? v : v === '' ? 0 : Number(v));
  const total = useMemo(
    () => num(form.womenCount ?? 0) + num(form.childrenCount ?? 0) + num(form.menCount ?? 0),
    [form.womenCount, form.childrenCount, form.menCount],
  );
  const err = (path: string) => (errors[path] ? t(`validation.${errors[path]}`) : undefined);
  /** One of the record's text fields, labelled `fields.<key>` and named by its key (the e2e tests find it so). */
  const textField = (key: TextKey, props: Partial<TextInputProps> = {}) => (
    <TextInput
      label={t(`fields.${key}`)}
      {...props}
      value={form[key] ?? ''}
      onChange={(e) => set(key, e.currentTarget.value)}
      error={err(key)}
      name={key}
    />
  );
  const setMember = (i: number, patch: Partial<DelegationMember>) =>
    set(
      'delegationMembers',
      (form.delegationMembers ?? []).map((x, j) => (j === i ? { ...x, ...patch } : x)),
    );

  // A record brought in from a sheet or another office may leave a party or the camp unrecorded (issue 10); one typed
  // here names them. The server applies the same rule (services/handovers.ts#assertProtocolRules).
  const relaxed = !!existing && existing.source !== 'app';

  async function save() {
    setServerError(null);
    const parsed = (relaxed ? recordFields : handoverFields).safeParse(form);
    if (!parsed.success) {
      setErrors(issuesByPath(toFieldIssues(parsed.error)));
      setServerError(t('form.fixErrors'));
      return;
    }
    if (amend && !reason.trim()) {
      setErrors({ reason: 'required' });
      setServerError(t('form.fixErrors'));
      return;
    }
    setErrors({});
    setSaving(true);
    const result = existing
      ? amend
        ? await call('handovers:amend', { id: existing.id, expectedRevision: existing.revision, data: form, reason })
        : await call('handovers:update', { id: existing.id, expectedRevision: existing.revision, data: form })
      : await call('handovers:create', { data: form });
    setSaving(false);
    if (!result.ok) {
      setErrors(
        issuesByPath((result.error.details?.issues ?? []).map((i) => ({ ...i, path: i.path.replace(/^data\./, '') }))),
      );
      setServerError(explainError(t, result.error));
      return;
    }
    setSavedOnce(true);
    await queryClient.invalidateQueries();
    navigate(`/handovers/${result.value.id}`);
  }

  return (
    <Stack
      maw={960}
      component="form"
      onSubmit={(e: React.FormEvent) => {
        e.preventDefault();
        void save();
      }}
      {...{ noValidate: true }}
    >
      <Title order={2}>
        {existing ? t(amend ? 'form.amendTitle' : 'form.editTitle', { ref: existing.referenceNo }) : t('form.newTitle')}
      </Title>
      {amend && <Alert color="blue">{t('form.amendHint')}</Alert>}
      {serverError && (
        <Alert color="red" role="alert" data-testid="form-error">
          {serverError}
        </Alert>
      )}
      <Section title={t('form.sectionDocument')}>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {textField('referenceNo', { required: true, dir: 'ltr' })}
          <DateInput
            label={t('fields.handoverDate')}
            required
            valueFormat="D MMMM YYYY"
            placeholder={t('form.pickDate')}
            value={form.handoverDate || null}
            onChange={(v) => {
              // A day picked here is a day: a date known only to the month or year becomes exact.
              set('handoverDate', v ?? '');
              set('datePrecision', null);
            }}
            error={err('handoverDate')}
            description={
              form.datePrecision ? (
                <Text span size="xs" data-testid="date-precision">
                  {t(`form.precision.${form.datePrecision}`, {
                    date: formatDate(form.handoverDate, i18n.language, form.datePrecision),
                  })}
                </Text>
              ) : warning && !errors.handoverDate ? (
                <Text span c="orange.8" size="xs" data-testid="date-warning">
                  {t(`form.${warning}`)}
                </Text>
              ) : undefined
            }
            name="handoverDate"
            data-testid="handoverDate"
          />
          {textField('location')}
          <Select
            label={t('fields.camp')}
            required
            data={CAMPS.map((c) => ({ value: c, label: t(`camp.${c}`) }))}
            value={form.camp}
            onChange={(v) => set('camp', (v ?? 'al_hol') as Form['camp'])}
            error={err('camp')}
            name="camp"
            allowDeselect={false}
          />
          {form.camp === 'other' && textField('campOther', { required: !relaxed })}
          <MultiSelect
            label={t('fields.documentLanguages')}
            data={DOCUMENT_LANGUAGES.map((l) => ({ value: l, label: t(`docLang.${l}`) }))}
            value={form.documentLanguages}
            onChange={(v) => set('documentLanguages', v as Form['documentLanguages'])}
            error={err('documentLanguages')}
          />
        </SimpleGrid>
      </Section>
      <Section title={t('form.sectionDelegation')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <CountrySelect
            label={t('fields.receivingCountry')}
            required
            placeholder={t('form.pickCountry')}
            value={form.receivingCountry || null}
            onChange={(v) => set('receivingCountry', v ?? '')}
            error={err('receivingCountry')}
            name="receivingCountry"
            data-testid="receivingCountry"
          />
          {textField('delegationBody')}
          {textField('delegationHeadName', { required: !relaxed })}
          {textField('delegationHeadNameLatin', { description: t('form.otherScriptHint') })}
          {textField('delegationHeadTitle')}
        </SimpleGrid>
        <Text fw={500} mt="md" size="sm">
          {t('fields.delegationMembers')}
        </Text>
        {(form.delegationMembers ?? []).map((m, i) => (
          <Group key={i} align="flex-end" mt="xs">
            <TextInput
              label={t('fields.memberName')}
              value={m.name}
              onChange={(e) => setMember(i, { name: e.currentTarget.value })}
              error={err(`delegationMembers.${i}.name`)}
            />
            <TextInput
              label={t('fields.memberTitle')}
              value={m.title ?? ''}
              onChange={(e) => setMember(i, { title: e.currentTarget.value })}
            />
            <Button
              variant="subtle"
              color="red"
              onClick={() =>
                set(
                  'delegationMembers',
                  (form.delegationMembers ?? []).filter((_, j) => j !== i),
                )
              }
            >
              {t('common.remove')}
            </Button>
          </Group>
        ))}
        <Button
          variant="light"
          mt="xs"
          onClick={() => set('delegationMembers', [...(form.delegationMembers ?? []), { name: '', title: '' }])}
        >
          {t('common.add')}
        </Button>
      </Section>
      <Section title={t('form.sectionHanding')}>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {textField('handingAuthority', { required: !relaxed })}
          {textField('handingOfficialName', { required: !relaxed })}
          {textField('handingOfficialNameLatin', { description: t('form.otherScriptHint') })}
          {textField('handingOfficialTitle')}
        </SimpleGrid>
      </Section>
      <Paper withBorder p="md">
        <Group justify="space-between" mb="sm">
          <Title order={4}>{t('form.sectionPersons')}</Title>
          <Text fw={700} data-testid="total-persons" aria-live="polite">
            {t('form.totalPersons', { count: total, n: formatNumber(total, i18n.language) })}
          </Text>
        </Group>
        <SimpleGrid cols={{ base: 2, sm: 3 }}>
          {COUNT_FIELDS.map((f) => (
            <NumberInput
              key={f}
              label={t(`fields.${f}`)}
              min={0}
              allowDecimal={false}
              allowNegative={false}
              value={form[f] as number}
              onChange={(v) => set(f, num(v))}
              error={err(f)}
              name={f}
            />
          ))}
        </SimpleGrid>
      </Paper>
      <Textarea
        label={t('fields.notes')}
        autosize
        minRows={2}
        value={form.notes}
        onChange={(e) => set('notes', e.currentTarget.value)}
        error={err('notes')}
        name="notes"
      />
      {textField('sourceNote', { description: t('form.sourceHint') })}
      {amend && (
        <Textarea
          label={t('form.amendReason')}
          required
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={err('reason')}
          name="reason"
        />
      )}
      <Group>
        <Button type="submit" loading={saving} data-testid="save">
          {t('common.save')}
        </Button>
        <Button variant="default" onClick={() => navigate(-1)}>
          {t('common.cancel')}
        </Button>
      </Group>
      <Modal opened={blocker.state === 'blocked'} onClose={() => blocker.reset?.()} title={t('form.unsavedTitle')}>
        <Text mb="md">{t('form.unsavedBody')}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => blocker.reset?.()}>
            {t('form.stay')}
          </Button>
          <Button color="red" onClick={() => blocker.proceed?.()}>
            {t('form.leave')}
          </Button>
        </Group>
      </Modal>
    </Stack>
  );
}
