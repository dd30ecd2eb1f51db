import type { TFunction } from 'i18next';
import type { ApiError } from '../../../electron/api/result';

/** A translated sentence for a failed call, naming the differences when the manifest and the counts disagree. */
export function explainError(t: TFunction, error: ApiError): string {
  const base = t(`errors.${error.code}`);
  const differences = error.details?.differences as { field: string; record: number; manifest: number }[] | undefined;
  if (error.code === 'MANIFEST_MISMATCH' && differences?.length) {
    return `${base} ${differences.map((d) => t('detail.difference', { field: t(`fields.${d.field}`), record: d.record, manifest: d.manifest })).join(t('common.listSeparator'))}`;
  }
  return base;
}
