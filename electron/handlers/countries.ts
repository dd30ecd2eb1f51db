import { addCountryAliases, listCountryAliases, removeCountryAlias } from '../services/country-aliases';
import type { HandlersFor } from './types';

export const countryHandlers: HandlersFor<'countries'> = {
  'countries:aliases': (ctx) => listCountryAliases(ctx),
  'countries:addAliases': (ctx, caller, { aliases }) => addCountryAliases(ctx, caller, aliases),
  'countries:removeAlias': (ctx, caller, { name }) => removeCountryAlias(ctx, caller, name),
};
