import type { Command } from 'commander';
import { withRuntime, type CliRuntime } from './runtime';

/**
 * A command that reads something and prints it: as JSON with --json, else laid out for a person by `text`. `then`
 * runs after the output, for an exit code that depends on what was read.
 */
export function showCommand<T>(
  program: Command,
  parent: Command,
  spec: {
    name: string;
    description?: string;
    read: (rt: CliRuntime) => Promise<T>;
    text: (value: T) => string;
    then?: (value: T) => void;
  },
): void {
  const command = parent.command(spec.name);
  if (spec.description) command.description(spec.description);
  command.option('--json', 'print JSON').action(
    withRuntime(program, async (rt, opts: { json?: boolean }) => {
      const value = await spec.read(rt);
      rt.out(opts.json ? JSON.stringify(value, null, 2) : spec.text(value));
      spec.then?.(value);
    }),
  );
}
