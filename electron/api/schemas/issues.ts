import type { z } from 'zod';
import type { FieldIssue } from '../result';

/**
 * Our schemas carry i18n keys as messages (`validation.<key>`); zod's own messages (type errors and the like) map to
 * generic keys. Used by dispatch, by the import's row report and by the renderer's forms, so all three say the same.
 */
export function issueKey(issue: z.core.$ZodIssue): string {
  if (/^[a-z_]+$/.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return 'invalid_type';
    case 'unrecognized_keys':
      return 'unknown_field';
    case 'too_big':
      return 'too_large';
    case 'too_small':
      return 'too_small';
    default:
      return 'invalid';
  }
}

export const toFieldIssues = (error: z.ZodError): FieldIssue[] =>
  error.issues.map((i) => ({ path: i.path.join('.'), key: issueKey(i) }));
