import { Center, Loader } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import type { RecoveryStatus } from '../../../electron/api/schemas/backup';
import { call } from '../api/client';
import { RecoveryScreen } from './RecoveryScreen';

/**
 * Before anything else: did the database open? If not, the app runs in recovery mode and this screen says why and
 * offers the way back (a backup, the conversion of a plain database), never a blank window.
 */
export function RecoveryGate({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<RecoveryStatus | null>(null);
  useEffect(() => {
    void call('recovery:status', {}).then((r) => setStatus(r.ok ? r.value : { state: 'ok' }));
  }, []);
  if (!status)
    return (
      <Center mih="100vh">
        <Loader />
      </Center>
    );
  if (status.state === 'recovery') return <RecoveryScreen status={status} />;
  return <>{children}</>;
}
