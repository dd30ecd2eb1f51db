import { Center, Loader } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { Account } from '../../../electron/api/schemas/account';
import { call, onSignedOut } from '../api/client';
import { AccountContext, SignOutContext } from './account';
import { FirstRunScreen } from './FirstRunScreen';
import { SignInScreen } from './SignInScreen';
import { useIdle } from './use-idle';

type Gate =
  | { phase: 'loading' }
  | { phase: 'setup' }
  | { phase: 'signIn'; lockedAs: string | null }
  | { phase: 'in'; account: Account; idleMinutes: number };

/**
 * Nothing of the app renders before someone is signed in: the first run creates the administrator, later runs ask to
 * sign in. Idle time, an OS lock (desktop) or a session found gone lock the app again, and every cached answer of
 * the previous account is dropped.
 */
export function AuthGate({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [gate, setGate] = useState<Gate>({ phase: 'loading' });

  const refresh = useCallback(async (lockedAs: string | null = null) => {
    const r = await call('auth:status', {});
    if (!r.ok) return setGate({ phase: 'signIn', lockedAs });
    const s = r.value;
    setGate(
      s.needsSetup
        ? { phase: 'setup' }
        : s.account
          ? { phase: 'in', account: s.account, idleMinutes: s.idleLockMinutes }
          : { phase: 'signIn', lockedAs },
    );
  }, []);

  const lock = useCallback(
    (who: string | null) => {
      queryClient.clear();
      setGate({ phase: 'signIn', lockedAs: who });
    },
    [queryClient],
  );

  useEffect(() => void refresh(), [refresh]);
  const current = gate.phase === 'in' ? gate.account.username : null;
  useEffect(() => onSignedOut(() => lock(current)), [lock, current]);

  const signOut = useCallback(
    async (reason: 'user' | 'idle') => {
      await call('auth:signOut', { reason });
      lock(reason === 'idle' ? current : null);
    },
    [lock, current],
  );
  const onIdle = useCallback(() => void signOut('idle'), [signOut]);
  useIdle(gate.phase === 'in' ? gate.idleMinutes : 0, onIdle);

  if (gate.phase === 'loading')
    return (
      <Center mih="100vh">
        <Loader />
      </Center>
    );
  if (gate.phase === 'setup') return <FirstRunScreen onSignedIn={() => void refresh()} />;
  if (gate.phase === 'signIn')
    return <SignInScreen key={gate.lockedAs ?? ''} lockedAs={gate.lockedAs} onSignedIn={() => void refresh()} />;
  return (
    <AccountContext.Provider value={gate.account}>
      <SignOutContext.Provider value={() => void signOut('user')}>{children}</SignOutContext.Provider>
    </AccountContext.Provider>
  );
}
