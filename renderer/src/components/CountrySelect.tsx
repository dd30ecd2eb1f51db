import { Group, Select, type ComboboxItem, type OptionsFilter, type SelectProps } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { aliasMap, resolveCountryName } from '../../../electron/api/schemas/country-resolver';
import { foldName } from '../../../electron/api/schemas/name-fold';
import { callOrThrow } from '../api/client';
import { countryOptions } from '../lib/countries';

export function Flag({ code }: { code: string }) {
  return <span className={`fi fi-${code.toLowerCase()}`} aria-hidden="true" />;
}

/**
 * What typing finds: first the country the text names in any spelling the resolver or this office's aliases know
 * ("قرغيزستان", "Holland", "UK"), then names in the UI language containing the text (letters folded as the import
 * folds them), then the closest spellings.
 */
function countryFilter(aliases: Map<string, string>): OptionsFilter {
  return ({ options, search, limit }) => {
    const items = options as ComboboxItem[];
    const key = foldName(search);
    if (!key) return items.slice(0, limit);
    const match = resolveCountryName(search, aliases);
    const named = items.filter((o) => match.ok && o.value === match.code);
    const containing = items.filter((o) => !named.includes(o) && foldName(o.label).includes(key));
    // Near spellings last, as offers: "Kirgizstan" still shows Kyrgyzstan.
    const near = match.ok ? [] : items.filter((o) => match.suggestions.includes(o.value) && !containing.includes(o));
    return [...named, ...containing, ...near].slice(0, limit);
  };
}

/** Localized country names with flags; Kosovo (XK) included. */
export function CountrySelect(props: Omit<SelectProps, 'data'>) {
  const { i18n } = useTranslation();
  const data = useMemo(() => countryOptions(i18n.language), [i18n.language]);
  const aliases = useQuery({
    queryKey: ['countries', 'aliases'],
    queryFn: () => callOrThrow('countries:aliases', {}),
    staleTime: 60_000,
  });
  const filter = useMemo(() => countryFilter(aliasMap(aliases.data ?? [])), [aliases.data]);
  return (
    <Select
      searchable
      filter={filter}
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
