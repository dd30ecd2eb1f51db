import { DateInput } from '@mantine/dates';
import { useTranslation } from 'react-i18next';

type Range = { from: string | null; to: string | null };

/** The "from" and "to" days of a filter, either one clearable, as two fields of the caller's row. */
export function DayRange({
  value,
  onChange,
  testId,
}: {
  value: Range;
  onChange: (patch: Partial<Range>) => void;
  /** The fields are `<testId>-from` and `<testId>-to`. */
  testId: string;
}) {
  const { t } = useTranslation();
  return (['from', 'to'] as const).map((end) => (
    <DateInput
      key={end}
      label={t(`list.${end}`)}
      clearable
      valueFormat="D MMM YYYY"
      value={value[end]}
      onChange={(v) => onChange({ [end]: v })}
      data-testid={`${testId}-${end}`}
    />
  ));
}
