import { createContext, useContext } from 'react';
import { contract, type Channel } from '../../../electron/api/contract';
import { mayAccess, type Account } from '../../../electron/api/schemas/account';

export const AccountContext = createContext<Account | null>(null);
export const SignOutContext = createContext<() => void>(() => undefined);

/** The signed-in account; inside the gate there always is one. */
export function useAccount(): Account {
  const account = useContext(AccountContext);
  if (!account) throw new Error('useAccount outside the sign-in gate');
  return account;
}

/**
 * Whether the signed-in role may call a channel: the same table dispatch enforces, read here only to offer nothing
 * that would be refused (the refusal itself happens in dispatch).
 */
export function useCan(channel: Channel): boolean {
  const account = useContext(AccountContext);
  return mayAccess(account?.role ?? null, contract[channel].access);
}
