import { hash, verify, type Algorithm } from '@node-rs/argon2';

/** Algorithm.Argon2id: a const enum, which isolatedModules cannot read at run time. */
const ARGON2ID = 2 as Algorithm;

/** OWASP's argon2id minimum (19 MiB, 2 passes, 1 lane): ~50 ms here, on the libuv pool, off the app's thread. */
const OWASP_ARGON2ID = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => hash(password, OWASP_ARGON2ID);

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false; // a malformed stored hash never signs anyone in
  }
}

let dummy: Promise<string> | null = null;
/** Spends the same work for an unknown username as for a known one, so timing does not tell which names exist. */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummy ??= hashPassword('not a real account');
  await verifyPassword(await dummy, password);
}
