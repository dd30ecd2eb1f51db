import type { Command } from 'commander';
import { countryNameIn } from '../../api/schemas/country-resolver';
import { CliFailure, withRuntime } from '../runtime';
import { showCommand } from '../show-command';

/** `country-alias list|add|remove`: the office's own country names, the same list Settings shows. */
export function registerCountryCommands(program: Command): void {
  const group = program
    .command('country-alias')
    .description('the names this office uses for countries (also used by every import)');
  const show = (aliases: { name: string; code: string }[]) =>
    aliases.map((a) => `${a.name}\t${a.code}\t${countryNameIn(a.code, 'en')}`).join('\n');

  showCommand(program, group, { name: 'list', read: (rt) => rt.call('countries:aliases', {}), text: show });

  group
    .command('add <name> <code>')
    .description(
      'read NAME as the country CODE (ISO alpha-2) from now on; refused when NAME is a code or already means another country',
    )
    .action(
      withRuntime(program, async (rt, name: string, code: string) => {
        if (!/^[A-Za-z]{2}$/.test(code.trim()))
          throw new CliFailure('BAD_REQUEST', `${code}: an ISO alpha-2 code, e.g. KG`, 2);
        rt.out(show(await rt.call('countries:addAliases', { aliases: [{ name, code: code.trim().toUpperCase() }] })));
      }),
    );

  group.command('remove <name>').action(
    withRuntime(program, async (rt, name: string) => {
      rt.out(show(await rt.call('countries:removeAlias', { name })));
    }),
  );
}
