import type { Page } from 'playwright-core';
import type { Role } from '../../electron/api/schemas/account';
import { createUser } from '../../electron/services/auth/accounts';
import { localCaller, type AppContext } from '../../electron/services/context';

export interface Credentials {
  username: string;
  password: string;
}

/** Creates an account straight through the service (as an administrator at the command line would). */
export async function addAccount(
  ctx: AppContext,
  role: Role,
  username: string = role,
  password = `${username}-password-1`,
): Promise<Credentials> {
  await createUser(ctx, localCaller('test-setup'), { username, displayName: username, role, password });
  return { username, password };
}

/** Fills the sign-in screen the page shows and waits for the app behind it. */
export async function signIn(page: Page, who: Credentials): Promise<void> {
  await page.getByTestId('sign-in-username').fill(who.username);
  await page.getByTestId('sign-in-password').fill(who.password);
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('account-menu').waitFor();
}
