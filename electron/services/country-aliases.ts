import { readSettings, writeSettings } from '../../db/queries/settings';
import { writeAudit } from '../../db/queries/audit';
import { AppError } from '../api/result';
import { countryAliasSchema, type CountryAliasOut } from '../api/schemas/country-alias';
import { aliasIsNew, aliasMap, aliasProblem } from '../api/schemas/country-resolver';
import { foldName } from '../api/schemas/name-fold';
import type { AppContext, Caller } from './context';

/** Stored beside the settings but outside their schema, so `settings:set` cannot write an alias unchecked. */
const KEY = 'countryAliases';

export function listCountryAliases(ctx: AppContext): CountryAliasOut[] {
  const stored = readSettings(ctx.db.orm)[KEY];
  const parsed = countryAliasSchema.array().safeParse(stored);
  return parsed.success ? parsed.data : [];
}

/** The office's aliases as the resolver takes them. */
export const countryAliasMap = (ctx: AppContext) => aliasMap(listCountryAliases(ctx));

function save(
  ctx: AppContext,
  caller: Caller,
  aliases: CountryAliasOut[],
  details: Record<string, unknown>,
): CountryAliasOut[] {
  const at = ctx.now().toISOString();
  ctx.db.sqlite.transaction(() => {
    writeSettings(ctx.db.orm, { [KEY]: aliases }, at);
    writeAudit(ctx.db.orm, { actor: caller.actor, action: 'settings.country_alias', entity: 'settings', details }, at);
  })();
  return aliases;
}

/**
 * Adds names this office uses for countries. Each is checked against the ISO codes, the sources, our additions
 * and the aliases already stored (and those before it in the same call): one that is a code or already means
 * another country refuses the whole call, nothing stored. A name that already means that country adds nothing.
 */
/** Refuses, with the reason, an alias that is a code or already means another country. */
export function assertAliasAllowed(a: CountryAliasOut, map: Map<string, string>): void {
  const problem = aliasProblem(a.name, a.code, map);
  if (problem)
    throw new AppError(
      'COUNTRY_ALIAS_REFUSED',
      `"${a.name}" cannot mean ${a.code}: ${problem.problem}${problem.current ? ` (it means ${problem.current})` : ''}`,
      { name: a.name, code: a.code, ...problem },
    );
}

export function addCountryAliases(ctx: AppContext, caller: Caller, added: CountryAliasOut[]): CountryAliasOut[] {
  const aliases = listCountryAliases(ctx);
  const map = aliasMap(aliases);
  const fresh: CountryAliasOut[] = [];
  for (const a of added) {
    assertAliasAllowed(a, map);
    if (!aliasIsNew(a.name, a.code, map)) continue;
    map.set(foldName(a.name), a.code);
    fresh.push({ name: a.name.trim(), code: a.code });
  }
  if (!fresh.length) return aliases;
  return save(ctx, caller, [...aliases, ...fresh], { added: fresh });
}

export function removeCountryAlias(ctx: AppContext, caller: Caller, name: string): CountryAliasOut[] {
  const aliases = listCountryAliases(ctx);
  const key = foldName(name);
  const kept = aliases.filter((a) => foldName(a.name) !== key);
  if (kept.length === aliases.length) throw new AppError('NOT_FOUND', `No country alias "${name}"`);
  return save(ctx, caller, kept, { removed: aliases.filter((a) => foldName(a.name) === key) });
}
