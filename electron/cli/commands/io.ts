import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import enCore from '../../../renderer/src/i18n/locales/en/core.json';
import enIo from '../../../renderer/src/i18n/locales/en/io.json';
import type { ImportReportOut, JobProgress } from '../../api/schemas/io';
import { countryNameIn } from '../../api/schemas/country-resolver';
import { CliFailure, withRuntime } from '../runtime';

const catalog: Record<string, unknown> = { ...enCore, ...enIo };

/** An i18n key in English, with {{param}} filled: the CLI speaks the app's own messages. */
export function english(key: string, params: Record<string, string | number | undefined> = {}): string {
  const found = key
    .split('.')
    .reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), catalog);
  const text = typeof found === 'string' ? found : key;
  return text.replace(/\{\{(\w+)\}\}/g, (_, p: string) => String(params[p] ?? ''));
}

export function formatImportReport(r: ImportReportOut): string {
  const lines: string[] = [];
  const c = r.counts;
  lines.push(
    `${r.fileName} (${r.format}, ${r.encoding}${r.delimiter ? `, delimiter ${JSON.stringify(r.delimiter)}` : ''}) sha256 ${r.sha256}`,
  );
  if (r.unknownColumns.length) lines.push(`unknown columns (not imported): ${r.unknownColumns.join(', ')}`);
  for (const o of [...r.rows].sort((a, b) => a.line - b.line)) {
    if (o.outcome === 'new') continue;
    const why = o.reasons.map((x) => {
      const hint = x.suggestions?.length
        ? ` ${english('io.reason.did_you_mean', { names: x.suggestions.map((c) => `${countryNameIn(c, 'en')} (${c})`).join(', ') })}`
        : '';
      return `${x.column ? `${x.column}: ` : ''}${english(x.key, { value: x.value })}${x.value && !x.key.startsWith('io.reason.duplicate') ? ` (“${x.value}”)` : ''}${hint}`;
    });
    const diff = (o.differences ?? []).map((d) => `${d.column}: file “${d.file}”, stored “${d.stored}”`);
    lines.push(`line ${o.line}\t${o.referenceNo || '—'}\t${o.outcome}\t${[...why, ...diff].join('; ')}`);
  }
  const verb = r.dryRun
    ? 'dry run, nothing written'
    : r.committed
      ? `written as ${r.asDraft ? 'drafts' : 'finalized, imported'}`
      : 'nothing written (strict: some rows rejected or conflicting)';
  lines.push(
    `${c.rows} rows: ${c.new} new, ${c.unchanged} already present, ${c.conflict} conflicts, ${c.rejected} rejected — ${verb}`,
  );
  return lines.join('\n') + '\n';
}

/** An import's failure in the app's words (the English catalog), and the promise the app makes: nothing changed. */
function importFailure(err: { code: string; message: string; details?: Record<string, unknown> }): CliFailure {
  const reason =
    typeof err.details?.reason === 'string'
      ? english(err.details.reason, err.details.params as Record<string, string>)
      : err.code === 'COUNTRY_ALIAS_REFUSED'
        ? `${english(`errors.${err.code}`)} ${err.message}.`
        : err.message;
  return new CliFailure(err.code, `${err.code}: ${reason} Nothing was changed.`);
}

interface ImportOpts {
  dryRun?: boolean;
  asDraft?: boolean;
  strict?: boolean;
  dateOrder?: string;
  countryAlias: string[];
  json?: boolean;
}

/** "قرغيزيا=KG" → { name, code }; the name may itself hold "=", the code is after the last one. */
function parseCountryAlias(text: string): { name: string; code: string } {
  const at = text.lastIndexOf('=');
  const name = text.slice(0, at).trim();
  const code = text
    .slice(at + 1)
    .trim()
    .toUpperCase();
  if (at < 0 || !name || !/^[A-Z]{2}$/.test(code))
    throw new CliFailure('BAD_REQUEST', `--country-alias "${text}": write it as "NAME=XX" with an ISO alpha-2 code`, 2);
  return { name, code };
}

export function registerIoCommands(program: Command): void {
  program
    .command('import <file>')
    .description(
      'import handovers from CSV (any delimiter; UTF-8, UTF-16 or Windows-1256) or XLSX with the canonical columns',
    )
    .option('--dry-run', 'check every row and report; write nothing')
    .option('--as-draft', 'import as drafts instead of finalized records')
    .option('--strict', 'all or nothing: write nothing if any row is rejected or conflicts')
    .option(
      '--date-order <order>',
      'how to read dates like 03/04/2023: dmy or mdy (otherwise inferred from the file, else an error)',
    )
    .option(
      '--country-alias <name=XX>',
      "read this country name as that ISO code in this import (repeatable; the office's stored aliases apply too)",
      (v: string, prev: string[]) => [...prev, v],
      [] as string[],
    )
    .option('--json', 'print the report as JSON')
    .addHelpText(
      'after',
      '\nExit status: 0 when every row was imported or already present; 3 when some rows were rejected or conflicted\n(the valid rows are still written unless --strict or --dry-run); 1 when the file cannot be read; 2 on bad usage.',
    )
    .action(
      withRuntime(program, async (rt, file: string, opts: ImportOpts) => {
        if (opts.dateOrder && opts.dateOrder !== 'dmy' && opts.dateOrder !== 'mdy')
          throw new CliFailure('BAD_REQUEST', '--date-order: use dmy or mdy', 2);
        const countryAliases = opts.countryAlias.map(parseCountryAlias);
        if (!existsSync(file)) throw new CliFailure('NOT_FOUND', `${file}: no such file`, 2);
        // The app's own job: admitted (refused over its limit before it is read), inspected, started, followed by its
        // import.progress events until it ends; the last state is read through dispatch like any other call.
        const { fileId } = rt.choose(file, 'spreadsheet');
        const inspected = await rt.attempt('io:inspect', { fileId });
        if (!inspected.ok) throw importFailure(inspected.error);
        const ended = new Map<string, JobProgress>();
        let wake = () => {};
        const off = rt.ctx.events?.subscribe((name, payload) => {
          if (name !== 'import.progress') return;
          const p = payload as JobProgress;
          if (p.state !== 'running') ended.set(p.jobId, p);
          else if (process.stderr.isTTY) process.stderr.write(`\r${p.phase} ${p.done}/${p.total}   `);
          wake();
        });
        let jobId: string;
        try {
          ({ jobId } = await rt.call('io:importStart', {
            uploadId: inspected.value.uploadId,
            options: {
              dryRun: !!opts.dryRun,
              asDraft: !!opts.asDraft,
              strict: !!opts.strict,
              dateOrder: opts.dateOrder as 'dmy' | 'mdy' | undefined,
              countryAliases,
              allRows: true,
            },
          }));
          if (!ended.has(jobId)) await new Promise<void>((resolve) => (wake = () => ended.has(jobId) && resolve()));
        } finally {
          off?.();
        }
        const job = await rt.call('io:importProgress', { jobId });
        if (process.stderr.isTTY) process.stderr.write('\r');
        if (job.state !== 'done' || !job.report)
          throw importFailure(job.error ?? { code: 'INTERNAL', message: `import ${job.state}` });
        const report = job.report;
        rt.out(opts.json ? JSON.stringify(report, null, 2) : formatImportReport(report));
        if (report.counts.rejected + report.counts.conflict > 0)
          throw new CliFailure(
            'VALIDATION',
            `${report.counts.rejected} rejected, ${report.counts.conflict} conflicts`,
            3,
          );
      }),
    );

  program
    .command('export')
    .description('export handovers with the canonical columns (CSV UTF-8 with BOM, or XLSX)')
    .option('--format <format>', 'csv or xlsx', 'csv')
    .option('--out <file>', 'write to this file (default: stdout for CSV)')
    .option(
      '--status <status>',
      'draft, finalized or void (repeatable)',
      (v: string, prev: string[]) => [...prev, v],
      [] as string[],
    )
    .option(
      '--country <code>',
      'receiving country, alpha-2 (repeatable)',
      (v: string, prev: string[]) => [...prev, v],
      [] as string[],
    )
    .option('--from <date>', 'first handover date, YYYY-MM-DD')
    .option('--to <date>', 'last handover date, YYYY-MM-DD')
    .action(
      withRuntime(
        program,
        async (
          rt,
          opts: { format: string; out?: string; status: string[]; country: string[]; from?: string; to?: string },
        ) => {
          if (opts.format !== 'csv' && opts.format !== 'xlsx')
            throw new CliFailure('BAD_REQUEST', '--format: use csv or xlsx', 2);
          if (opts.format === 'xlsx' && !opts.out) throw new CliFailure('BAD_REQUEST', '--out is required for xlsx', 2);
          const file = await rt.call('io:export', {
            format: opts.format,
            filter: { statuses: opts.status as never, countries: opts.country, from: opts.from, to: opts.to },
          });
          rt.save(file.fileId, opts.out);
        },
      ),
    );
}

/** Office exchange (issue 6, part 4): identity cards, bundles out and in, conflicts waiting for a person. */
export function registerExchangeCommands(program: Command): void {
  const office = program.command('office').description('this office’s exchange identity and the offices it knows');
  office
    .command('init')
    .requiredOption('--name <name>', 'the office’s name, e.g. Qamishli')
    .description('create this office’s signing and encryption keys (once)')
    .action(
      withRuntime(program, async (rt, opts: { name: string }) => {
        const card = await rt.call('io:officeInit', { name: opts.name });
        rt.out(`office ${card.name} ${card.id}\nfingerprint ${card.fingerprint}`);
      }),
    );
  office
    .command('card')
    .description('print this office’s public card (JSON) to give to other offices; check the fingerprint by phone')
    .action(
      withRuntime(program, async (rt) => {
        const own = await rt.call('io:office', {});
        if (!own)
          throw new CliFailure('NOT_FOUND', 'NOT_FOUND: this office has no exchange identity yet (office init)');
        rt.out(own.card);
      }),
    );
  office
    .command('add <card>')
    .description('trust another office: its card file, as printed by `office card` there')
    .action(
      withRuntime(program, async (rt, file: string) => {
        if (!existsSync(file)) throw new CliFailure('NOT_FOUND', `${file}: no such file`, 2);
        const added = await rt.call('io:officeAdd', { fileId: rt.choose(file, 'officeCard').fileId });
        rt.out(
          `added ${added.name} ${added.id}\nfingerprint ${added.fingerprint} — compare it with the other office before sending`,
        );
      }),
    );
  office
    .command('list')
    .description('offices this office can exchange with')
    .action(
      withRuntime(program, async (rt) => {
        for (const o of await rt.call('io:offices', {})) rt.out(`${o.id}  ${o.name}  ${o.fingerprint}`);
      }),
    );

  const exchange = program
    .command('exchange')
    .description('move finalized handovers between offices without losing any');
  exchange
    .command('export')
    .requiredOption('--to <officeId>', 'the receiving office (see `office list`)')
    .requiredOption('--out <file>', 'bundle file to write')
    .option(
      '--id <id>',
      'a handover id (repeatable; default: every finalized or void handover)',
      (v: string, prev: string[]) => [...prev, v],
      [] as string[],
    )
    .description('write an encrypted, signed bundle for one office')
    .action(
      withRuntime(program, async (rt, opts: { to: string; out: string; id: string[] }) => {
        const b = await rt.call('io:bundleExport', { toOfficeId: opts.to, ids: opts.id });
        rt.save(b.fileId, opts.out);
        rt.out(`bundle ${b.bundleId}: ${b.records} handover(s) → ${opts.out}; SHA-256 ${b.sha256}`);
      }),
    );
  exchange
    .command('import <file>')
    .option('--json', 'print the report as JSON')
    .description('verify, decrypt and merge a bundle; exit 3 when conflicts wait for a person')
    .action(
      withRuntime(program, async (rt, file: string, opts: { json?: boolean }) => {
        const merged = await rt.attempt('io:bundleImport', { fileId: rt.choose(file, 'bundle').fileId });
        if (!merged.ok) {
          const { code, message, details } = merged.error;
          const reason =
            typeof details?.reason === 'string' ? `${english(details.reason)} Nothing was changed.` : message;
          throw new CliFailure(code, `${code}: ${reason}`);
        }
        const report = merged.value;
        if (opts.json) rt.out(JSON.stringify(report, null, 2));
        else {
          rt.out(`bundle ${report.bundleId} from ${report.from.name}`);
          for (const r of report.rows) {
            if (r.outcome === 'new' || r.outcome === 'unchanged') continue;
            rt.out(`${r.referenceNo}\t${r.outcome}${r.reason ? `\t${english(r.reason)}` : ''}`);
            for (const s of r.sideBySide ?? [])
              rt.out(`    ${s.field.padEnd(22)} here: ${s.local.padEnd(30)} bundle: ${s.incoming}`);
          }
          const c = report.counts;
          rt.out(
            `${c.new} new, ${c.amended} amended, ${c.unchanged} unchanged, ${c.conflict} conflicts, ${c.rejected} rejected`,
          );
        }
        if (report.counts.conflict + report.counts.rejected > 0)
          throw new CliFailure(
            'CONFLICT',
            `${report.counts.conflict} conflict(s) kept for review; nothing was overwritten`,
            3,
          );
      }),
    );
  exchange
    .command('conflicts')
    .option('--json', 'print the conflicts as JSON')
    .description('conflicts from earlier bundles waiting for a decision, side by side (decide with `exchange resolve`)')
    .action(
      withRuntime(program, async (rt, opts: { json?: boolean }) => {
        const conflicts = await rt.call('io:conflicts', {});
        if (opts.json) return rt.out(JSON.stringify(conflicts, null, 2));
        if (!conflicts.length) return rt.out('no conflicts waiting for a decision');
        for (const c of conflicts) {
          rt.out(
            `${c.id}  ${c.referenceNo} (${c.handoverId}) from ${c.from.name}, bundle ${c.bundleId}, received ${c.receivedAt}: ${english(c.reason)}`,
          );
          for (const s of c.sideBySide ?? [])
            rt.out(`    ${s.field.padEnd(22)} here: ${s.local.padEnd(30)} bundle: ${s.incoming}`);
        }
      }),
    );
  exchange
    .command('resolve <conflictId>')
    .option('--keep-local', 'keep this office’s version; the record does not change')
    .option(
      '--take-incoming',
      'take the other office’s version as a new version of the record here (the note is its reason)',
    )
    .requiredOption('--note <text>', 'why (required, kept with the decision)')
    .description('decide a conflict listed by `exchange conflicts`; a decision is final')
    .action(
      withRuntime(
        program,
        async (rt, conflictId: string, opts: { keepLocal?: boolean; takeIncoming?: boolean; note: string }) => {
          if (!!opts.keepLocal === !!opts.takeIncoming)
            throw new CliFailure('BAD_REQUEST', 'choose one: --keep-local or --take-incoming', 2);
          const conflict = (await rt.call('io:conflicts', {})).find((c) => c.id === conflictId);
          const r = await rt.call('io:resolveConflict', {
            conflictId,
            choice: opts.keepLocal ? 'keep_local' : 'take_incoming',
            note: opts.note,
          });
          const vars = {
            reference: conflict?.referenceNo ?? r.handoverId ?? conflictId,
            office: conflict?.from.name ?? '',
            version: r.version ?? '',
          };
          rt.out(
            r.resolution === 'kept_local'
              ? english('io.exchange.decide.keptLocal', vars)
              : `${english('io.exchange.decide.tookIncoming', vars)} Content hash ${r.contentHash}.`,
          );
        },
      ),
    );
}
