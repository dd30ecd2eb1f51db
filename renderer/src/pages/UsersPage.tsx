import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  PasswordInput,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Account, type Role } from '../../../electron/api/schemas/account';
import type { ApiError } from '../../../electron/api/result';
import { call, callOrThrow } from '../api/client';
import { useAccount } from '../auth/account';
import { explainError } from '../lib/errors';
import { formatDateTime } from '../lib/format';
import { issuesByPath } from '../lib/validation';
import { useFields } from '../lib/use-fields';
import { HeadedTable } from '../components/HeadedTable';

/** The administrator's list of accounts: add, change role, disable (never delete: the audit log names them), reset a password. */
export function UsersPage() {
  const { t, i18n } = useTranslation();
  const me = useAccount();
  const queryClient = useQueryClient();
  const users = useQuery({ queryKey: ['users'], queryFn: () => callOrThrow('users:list', {}) });
  const [adding, setAdding] = useState(false);
  const [resetting, setResetting] = useState<Account | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const roleOptions = ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['users'] });

  async function update(a: Account, patch: { role?: Role; disabled?: boolean }) {
    const r = await call('users:update', { id: a.id, patch });
    setError(r.ok ? null : r.error);
    await refresh();
  }

  return (
    <Stack maw={1100}>
      <Group justify="space-between">
        <Title order={2}>{t('users.title')}</Title>
        <Button onClick={() => setAdding(true)} data-testid="add-user">
          {t('users.add')}
        </Button>
      </Group>
      <Text c="dimmed" size="sm">
        {t('users.rolesHelp')}
      </Text>
      {error && (
        <Alert color="red" data-testid="users-error">
          {explainError(t, error)}
        </Alert>
      )}
      <HeadedTable
        striped
        withTableBorder
        data-testid="users-table"
        head={[
          t('auth.username'),
          t('auth.displayName'),
          t('users.role'),
          t('users.state'),
          t('users.lastSignIn'),
          null,
        ]}
      >
        {users.data?.map((a) => (
          <Table.Tr key={a.id} data-testid={`user-${a.username}`}>
            <Table.Td dir="ltr">{a.username}</Table.Td>
            <Table.Td>
              <bdi>{a.displayName}</bdi>
            </Table.Td>
            <Table.Td>
              <Select
                size="xs"
                data={roleOptions}
                value={a.role}
                allowDeselect={false}
                onChange={(v) => v && v !== a.role && void update(a, { role: v as Role })}
                aria-label={t('users.role')}
                data-testid={`role-${a.username}`}
              />
            </Table.Td>
            <Table.Td>
              <Group gap="xs">
                <Switch
                  size="xs"
                  checked={!a.disabled}
                  onChange={(e) => void update(a, { disabled: !e.currentTarget.checked })}
                  label={t(a.disabled ? 'users.disabled' : 'users.active')}
                  disabled={a.id === me.id}
                  data-testid={`active-${a.username}`}
                />
                {a.lockedUntil && Date.parse(a.lockedUntil) > Date.now() && (
                  <Badge color="orange" variant="light">
                    {t('users.locked')}
                  </Badge>
                )}
              </Group>
            </Table.Td>
            <Table.Td>{a.lastSignInAt ? formatDateTime(a.lastSignInAt, i18n.language) : '—'}</Table.Td>
            <Table.Td>
              <Button size="xs" variant="default" onClick={() => setResetting(a)} data-testid={`reset-${a.username}`}>
                {t('users.resetPassword')}
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </HeadedTable>
      {adding && (
        <AddUserDialog
          roleOptions={roleOptions}
          onClose={() => {
            setAdding(false);
            void refresh();
          }}
        />
      )}
      {resetting && (
        <ResetPasswordDialog
          account={resetting}
          onClose={() => {
            setResetting(null);
            void refresh();
          }}
        />
      )}
    </Stack>
  );
}

function AddUserDialog({
  roleOptions,
  onClose,
}: {
  roleOptions: { value: string; label: string }[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { form, setForm, setErrors, field } = useFields({
    username: '',
    displayName: '',
    role: 'registrar' as Role,
    password: '',
  });
  async function save() {
    const r = await call('users:create', form);
    if (r.ok) return onClose();
    setErrors(issuesByPath(r.error.details?.issues ?? []));
  }
  return (
    <Modal opened onClose={onClose} title={t('users.add')}>
      <Stack>
        <TextInput
          label={t('auth.username')}
          description={t('auth.usernameHint')}
          dir="ltr"
          {...field('username')}
          data-testid="new-username"
        />
        <TextInput label={t('auth.displayName')} {...field('displayName')} data-testid="new-display-name" />
        <Select
          label={t('users.role')}
          data={roleOptions}
          value={form.role}
          allowDeselect={false}
          onChange={(v) => v && setForm({ ...form, role: v as Role })}
          data-testid="new-role"
        />
        <PasswordInput
          label={t('auth.password')}
          description={t('auth.passwordHint')}
          {...field('password')}
          autoComplete="new-password"
          data-testid="new-password"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => void save()} data-testid="save-user">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function ResetPasswordDialog({ account, onClose }: { account: Account; onClose: () => void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  async function save() {
    const r = await call('users:resetPassword', { id: account.id, password });
    if (r.ok) return onClose();
    setError(issuesByPath(r.error.details?.issues ?? []).password ?? null);
  }
  return (
    <Modal opened onClose={onClose} title={t('users.resetPasswordOf', { name: account.displayName })}>
      <Stack>
        <PasswordInput
          label={t('auth.newPassword')}
          description={t('auth.passwordHint')}
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={error && t(`validation.${error}`)}
          autoComplete="new-password"
          data-testid="reset-password"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => void save()} data-testid="save-password">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
