import { Badge, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { missingProtocolFields, type ProtocolParts } from '../../../../electron/api/domain/handover';
import { intlLocale } from '../../i18n';

/** A field the record's source does not give: said so, never left blank or filled with a stand-in (issue 10). */
export function NotRecorded() {
  const { t } = useTranslation();
  return (
    <Text span size="sm" c="dimmed" fs="italic" data-testid="not-recorded">
      {t('completeness.notRecorded')}
    </Text>
  );
}

/** The list's mark on a record whose protocol leaves a party or the camp unrecorded; hovering names them. */
export function IncompleteBadge({ record }: { record: ProtocolParts }) {
  const { t, i18n } = useTranslation();
  const missing = missingProtocolFields(record);
  if (!missing.length) return null;
  const names = new Intl.ListFormat(intlLocale(i18n.language)).format(missing.map((k) => t(`fields.${k}`)));
  return (
    <Tooltip label={t('completeness.missing', { fields: names })} withinPortal>
      <Badge variant="outline" color="orange" data-testid="incomplete-badge">
        {t('completeness.incompleteShort')}
      </Badge>
    </Tooltip>
  );
}
