/** Codes the renderer translates (`errors.<code>`); a handler never throws across the boundary. */
export const ERROR_CODES = [
  'VALIDATION',
  'NOT_FOUND',
  'CONFLICT',
  'DUPLICATE_REFERENCE',
  'NOT_EDITABLE',
  'MANIFEST_MISMATCH',
  'TOO_LARGE',
  'UNSUPPORTED_TYPE',
  'BAD_FILE',
  'UNKNOWN_CHANNEL',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'BAD_REQUEST',
  'INTERNAL',
  'SIGNATURES_MISSING',
  'PROTOCOL_INCOMPLETE',
  'SIGNING_KEY_UNAVAILABLE',
  'SIGNING_IDENTITY_MISSING',
  'CERTIFICATE_EXPIRED',
  'P12_INVALID',
  'P12_WRONG_PASSWORD',
  'PDF_UNAVAILABLE',
  'BUSY',
  'COUNTRY_ALIAS_REFUSED',
  'DATA_TOO_NEW',
  'DATA_FOLDER_READONLY',
  'DISK_FULL',
  'SIGN_IN_FAILED',
  'ACCOUNT_LOCKED',
  'ACCOUNT_DISABLED',
  'ALREADY_SET_UP',
  'USERNAME_TAKEN',
  'LAST_ADMIN',
  'DB_KEY_REQUIRED',
  'DB_WRONG_KEY',
  'DB_PLAIN',
  'DB_CORRUPT',
  'DB_CIPHER_UNAVAILABLE',
  'KEYSTORE_MISSING',
  'KEYSTORE_DAMAGED',
  'BACKUP_WRONG_KEY',
  'BACKUP_CORRUPT',
  'BACKUP_TOO_NEW',
  'BACKUP_PLAIN',
  'BACKUP_AUDIT_BROKEN',
  'BACKUP_TARGET_UNWRITABLE',
  'RECOVERY_MODE',
  'DB_NOT_PLAIN',
  'NOT_IN_RECOVERY',
  'PASSPHRASE_WEAK',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldIssue {
  path: string;
  key: string;
}
export interface ApiError {
  code: ErrorCode;
  message: string;
  details?: { issues?: FieldIssue[]; [k: string]: unknown };
}
export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, details?: ApiError['details']): Result<never> => ({
  ok: false,
  error: details ? { code, message, details } : { code, message },
});

/** Thrown inside services; dispatch turns it into a failed Result. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ApiError['details'],
  ) {
    super(message);
  }
}
