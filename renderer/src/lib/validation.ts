import type { FieldIssue } from '../../../electron/api/result';

/** The first issue per field, keyed by its path ("delegationMembers.0.name"), as an i18n key under validation. */
export function issuesByPath(issues: FieldIssue[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues) if (!(i.path in out)) out[i.path] = i.key;
  return out;
}
