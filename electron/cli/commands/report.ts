import type { Command } from 'commander';
import { CliFailure, withRuntime } from '../runtime';

export function registerReportCommands(program: Command): void {
  program
    .command('report <reference>')
    .description('export the handover report as PDF (signed when the record is finalized; a draft is watermarked)')
    .requiredOption('--out <file.pdf>', 'where to write the PDF')
    .option('--lang <ar|ku>', 'first language of the report (English is always beside it)')
    .action(
      withRuntime(program, async (rt, reference: string, opts: { out: string; lang?: 'ar' | 'ku' }) => {
        const r = await rt.call('report:export', { referenceNo: reference, language: opts.lang });
        rt.save(r.fileId, opts.out);
        rt.out(
          `${opts.out}: ${r.signed ? 'signed' : 'NOT signed (draft or void)'} report of ${r.referenceNo}; file SHA-256 ${r.sha256}; content SHA-256 ${r.contentHash}`,
        );
      }),
    );

  program
    .command('verify <file>')
    .description(
      'check a report PDF: signature valid, whole document signed, signed by our CA; with --db, that it matches a record',
    )
    .option('--ca <file.pem...>', 'also trust these CA certificates (PEM), for this run only')
    .option('--json', 'print JSON')
    .action(
      withRuntime(program, async (rt, file: string, opts: { ca?: string[]; json?: boolean }) => {
        const { fileId } = rt.choose(file, 'reportPdf');
        // The record is checked against a database named on purpose (--db / TASLEEM_DB), not the default app one.
        const checkRecord = !!(program.opts<{ db?: string }>().db ?? process.env.TASLEEM_DB);
        const caFileIds = (opts.ca ?? []).map((f) => rt.choose(f, 'caCertificate').fileId);
        const v = await rt.call('report:verify', { fileId, checkRecord, caFileIds });
        if (opts.json) rt.out(JSON.stringify(v, null, 2));
        else {
          rt.out(
            [
              `file: ${file}`,
              `verdict: ${v.authentic ? 'AUTHENTIC' : 'NOT AUTHENTIC'}`,
              ...(v.reasons.length ? [`reasons: ${v.reasons.join(', ')}`] : []),
              ...(v.warnings.length ? [`warnings: ${v.warnings.join(', ')}`] : []),
              `whole document signed: ${v.coversWholeDocument ? 'yes' : 'no'}`,
              `signer: ${v.signer ? `${v.signer.subject} (SHA-256 ${v.signer.fingerprint})` : '-'}`,
              `trusted CA: ${v.trustedBy ? v.trustedBy.subject : '-'}`,
              `signed at: ${v.signedAt ?? '-'}`,
              `reference: ${v.referenceNo ?? '-'}  version: ${v.version ?? '-'}  content SHA-256: ${v.contentHash ?? '-'}`,
              `record: ${v.record.checked ? (v.record.found ? `found (${v.record.status}), ${v.record.matches ? 'content matches' : 'content DIFFERS'}` : 'not found') : 'not checked (give --db)'}`,
            ].join('\n'),
          );
        }
        if (!v.authentic) throw new CliFailure('NOT_AUTHENTIC', `not authentic: ${v.reasons.join(', ')}`, 3);
      }),
    );

  const signing = program.command('signing').description("the organization's report-signing identity");
  signing
    .command('export-ca')
    .description('write the organization CA certificate, for Adobe trusted certificates or an NSS database (pdfsig)')
    .requiredOption('--out <file>', 'where to write it')
    .option('--der', 'DER (.cer) instead of PEM')
    .action(
      withRuntime(program, async (rt, opts: { out: string; der?: boolean }) => {
        const r = await rt.call('signing:exportCa', { format: opts.der ? 'der' : 'pem' });
        rt.save(r.fileId, opts.out);
        rt.out(`${opts.out}: CA certificate`);
      }),
    );
  signing
    .command('import <file.p12>')
    .description('use an existing certificate (.p12/.pfx); password from env TASLEEM_P12_PASSWORD')
    .action(
      withRuntime(program, async (rt, file: string) => {
        const info = await rt.call('signing:importP12', {
          fileId: rt.choose(file, 'p12').fileId,
          password: process.env.TASLEEM_P12_PASSWORD ?? '',
        });
        rt.out(
          `imported: ${info.certificate.subject} (valid until ${info.certificate.notAfter}); CA ${info.ca.subject}`,
        );
      }),
    );
  signing
    .command('trust <ca-file>')
    .description("trust another office's CA (PEM or DER): its signed reports then verify here; re-seals the list")
    .requiredOption('--label <text>', 'which office this is')
    .action(
      withRuntime(program, async (rt, file: string, opts: { label: string }) => {
        const ca = await rt.call('signing:trustCa', {
          fileId: rt.choose(file, 'caCertificate').fileId,
          label: opts.label,
        });
        rt.out(`trusted: ${ca.subject} (${ca.label}), SHA-256 ${ca.fingerprint}`);
      }),
    );
  signing
    .command('untrust <fingerprint>')
    .description("stop trusting another office's CA (its SHA-256 fingerprint, as `signing trusted` prints it)")
    .action(
      withRuntime(program, async (rt, fingerprint: string) => {
        await rt.call('signing:untrustCa', { fingerprint });
        rt.out(`no longer trusted: ${fingerprint}`);
      }),
    );
  signing
    .command('trusted')
    .description("the other offices' CAs this office trusts, and whether the list still matches its seal")
    .option('--json', 'print JSON')
    .action(
      withRuntime(program, async (rt, opts: { json?: boolean }) => {
        const r = await rt.call('signing:officeCas', {});
        if (opts.json) return rt.out(JSON.stringify(r, null, 2));
        rt.out(
          [
            ...r.list.map(
              (c) => `${c.sealed ? 'trusted' : 'NOT SEALED'}  ${c.fingerprint}  ${c.label}  (${c.subject})`,
            ),
            r.list.length === 0 ? 'no other office is trusted' : '',
            r.altered
              ? 'ALTERED: the list no longer matches its seal in the key store; re-add the offices you trust'
              : '',
          ]
            .filter(Boolean)
            .join('\n'),
        );
        if (r.altered) throw new CliFailure('KEYSTORE_DAMAGED', 'the trusted CA list was altered', 3);
      }),
    );
  signing
    .command('show')
    .description('the active signing certificate')
    .action(
      withRuntime(program, async (rt) => {
        const info = await rt.call('signing:identity', {});
        rt.out(
          info
            ? `${info.kind}: ${info.certificate.subject}\nSHA-256 ${info.certificate.fingerprint}\nvalid ${info.certificate.notBefore} .. ${info.certificate.notAfter}\nCA: ${info.ca.subject} (SHA-256 ${info.ca.fingerprint})`
            : 'no signing identity yet (an administrator creates it, or the first signed report made at the command line)',
        );
      }),
    );
}
