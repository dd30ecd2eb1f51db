/**
 * The recovery passphrase opens the database on a new machine or after the keychain broke, so it guards everything:
 * at least this long, and at least this zxcvbn score (0–4; 3 is "safely unguessable: moderate protection from offline
 * slow-hash attacks", and argon2id at OWASP cost makes each guess slow). The screen and the service read the same rule.
 */
export const RECOVERY_PASSPHRASE = { minLength: 12, maxLength: 500, minScore: 3 } as const;
