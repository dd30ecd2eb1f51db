import type { TFunction } from 'i18next';
import type { ApiError } from '../../../electron/api/result';
import { intlLocale } from '../i18n';

/**
 * The one translated sentence for a failed call: a service's own reason (a catalog key, with its parameters) when it
 * gives one, else the code's sentence, naming the differences when the manifest and the counts disagree.
 */
export function explainError(t: TFunction, error: ApiError, lng = 'ar'): string {
  const reason = error.details?.reason;
  if (typeof reason === 'string') return t(reason, (error.details?.params as Record<string, string>) ?? {});
  const base = t(`errors.${error.code}`);
  const missing = error.details?.missing as string[] | undefined;
  if (error.code === 'PROTOCOL_INCOMPLETE' && missing?.length) {
    const names = new Intl.ListFormat(intlLocale(lng)).format(missing.map((k) => t(`fields.${k}`)));
    return `${base} ${t('completeness.missing', { fields: names })}`;
  }
  const differences = error.details?.differences as { field: string; record: number; manifest: number }[] | undefined;
  if (error.code === 'MANIFEST_MISMATCH' && differences?.length) {
    return `${base} ${differences.map((d) => t('detail.difference', { field: t(`fields.${d.field}`), record: d.record, manifest: d.manifest })).join(t('common.listSeparator'))}`;
  }
  return base;
}
