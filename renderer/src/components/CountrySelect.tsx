import { Group, Select, type SelectProps } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { countryOptions } from '../lib/countries';

export function Flag({ code }: { code: string }) {
  return <span className={`fi fi-${code.toLowerCase()}`} aria-hidden="true" />;
}

/** Localized country names with flags; Kosovo (XK) included. Search matches the name in the UI language. */
export function CountrySelect(props: Omit<SelectProps, 'data'>) {
  const { i18n } = useTranslation();
  const data = useMemo(() => countryOptions(i18n.language), [i18n.language]);
  return (
    <Select
      searchable
      {...props}
      data={data}
      leftSection={typeof props.value === 'string' && props.value ? <Flag code={props.value} /> : undefined}
      renderOption={({ option }) => (
        <Group gap="xs" wrap="nowrap">
          <Flag code={option.value} />
          <span>{option.label}</span>
        </Group>
      )}
    />
  );
}
