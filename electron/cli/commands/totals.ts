import type { Command } from 'commander';
import enCatalog from '../../../renderer/src/i18n/locales/en/totals.json';
import { totalsQuery, type TotalsResult } from '../../api/schemas/totals';
import { toCsv } from '../../services/export-sheets';
import { totalsSheet } from '../../services/totals';
import { CliFailure, withRuntime } from '../runtime';

interface TotalsOptions {
  from?: string;
  to?: string;
  camp: string[];
  includeDrafts?: boolean;
  json?: boolean;
  csv?: boolean;
  pdf?: string;
}

const OPTION_OF: Record<string, string> = { from: '--from', to: '--to', camps: '--camp' };
const MESSAGES: Record<string, string> = enCatalog.totals.validation;

/** The documented JSON shape: the fields of the issue first, the split of children after. */
function jsonRow<T extends TotalsResult['sum'] & { country?: string }>(r: T) {
  const { country, handovers, women, children, men, persons, first, last, boys, girls, unaccompanied } = r;
  return {
    ...(country === undefined ? {} : { country }),
    handovers,
    women,
    children,
    men,
    persons,
    first,
    last,
    boys,
    girls,
    unaccompanied,
  };
}

export function formatTotalsTable(result: Pick<TotalsResult, 'countries' | 'sum'>): string {
  const head = [
    'Country',
    'Handovers',
    'Women',
    'Children',
    'Boys',
    'Girls',
    'Unacc.',
    'Men',
    'Persons',
    'First',
    'Last',
  ];
  const num = (n: number) => n.toLocaleString('en-GB');
  const line = (r: TotalsResult['sum'], label: string) => [
    label,
    ...[r.handovers, r.women, r.children, r.boys, r.girls, r.unaccompanied, r.men, r.persons].map(num),
    r.first ?? '—',
    r.last ?? '—',
  ];
  const rows = [head, ...result.countries.map((r) => line(r, r.country)), line(result.sum, 'Total')];
  const widths = head.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  // Country and dates left-aligned, figures right-aligned.
  const fmt = (r: string[]) =>
    r
      .map((c, i) => (i === 0 || i >= 9 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [fmt(rows[0]), rule, ...rows.slice(1, -1).map(fmt), rule, fmt(rows[rows.length - 1])].join('\n') + '\n';
}

export function registerTotalsCommands(program: Command): void {
  program
    .command('totals')
    .description('totals per receiving country (finalized handovers; void never counts)')
    .option('--from <date>', 'first handover date, YYYY-MM-DD')
    .option('--to <date>', 'last handover date, YYYY-MM-DD')
    .option(
      '--camp <camp>',
      'camp of origin: al_hol, roj, other (repeatable)',
      (v: string, prev: string[]) => [...prev, v],
      [] as string[],
    )
    .option('--include-drafts', 'count drafts too')
    .option('--json', 'print JSON')
    .option('--csv', 'print CSV (UTF-8 with BOM)')
    .option('--pdf <file.pdf>', 'write the totals as a one-page report signed by the organization')
    .action(
      withRuntime(program, async (rt, opts: TotalsOptions) => {
        if ([opts.json, opts.csv, opts.pdf].filter(Boolean).length > 1)
          throw new CliFailure('BAD_REQUEST', 'choose one of --json, --csv and --pdf', 2);
        const input = { from: opts.from, to: opts.to, camps: opts.camp, includeDrafts: !!opts.includeDrafts };
        // Checked here too, only to say which option is wrong in words; the handler validates again.
        const parsed = totalsQuery.safeParse(input);
        if (!parsed.success) {
          const lines = parsed.error.issues.map((i) => {
            const option = OPTION_OF[String(i.path[0])] ?? 'input';
            return `${option}: ${MESSAGES[i.message] ?? i.message}`;
          });
          throw new CliFailure('VALIDATION', lines.join('\n'), 2);
        }
        if (opts.pdf) {
          const file = await rt.call('totals:export', { filter: parsed.data, format: 'pdf', locale: 'ar' });
          rt.save(file.fileId, opts.pdf);
          rt.out(`signed totals report written to ${opts.pdf}`);
          return;
        }
        const result = await rt.call('totals:get', input as Parameters<typeof rt.call<'totals:get'>>[1]);
        if (opts.json)
          rt.out(
            JSON.stringify(
              { countries: result.countries.map(jsonRow), sum: jsonRow(result.sum), incomplete: result.incomplete },
              null,
              2,
            ),
          );
        else if (opts.csv) process.stdout.write(toCsv(totalsSheet(result, 'en')));
        else {
          rt.out(formatTotalsTable(result));
          // Counted, but their protocols leave a party or the camp unrecorded (imported from the public record).
          if (result.incomplete) rt.out(`${result.incomplete} of the handovers counted are incomplete`);
        }
      }),
    );
}
