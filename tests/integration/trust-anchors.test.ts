import { readFileSync, writeFileSync } from 'node:fs';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Channel, InputOf, OutputOf } from '../../electron/api/contract';
import type { Result } from '../../electron/api/result';
import { dispatch } from '../../electron/handlers/dispatch';
import { KeyStore } from '../../electron/services/keys/keystore';
import type { Caller } from '../../electron/services/context';
import { filesOf } from '../../electron/services/files/store';
import type { FileKind } from '../../electron/api/domain/limits';
import { certToPem, createCa, issueSigningCert, toP12 } from '../../electron/services/signing/certs';
import { dbKeyVault } from '../../electron/services/signing/vault';
import { kyrgyzHandover, testApp, type TestApp } from '../support/context';
import { testUnlock } from '../support/keys';
import { pdfsig } from '../support/report-tools';
import { heldBytes } from '../support/files';

let app: TestApp;
beforeEach(() => {
  app = testApp();
});
afterEach(() => app.close());

const as =
  (role: Caller['role']) =>
  async <C extends Channel>(channel: C, input: InputOf<C>) =>
    (await dispatch(app.ctx, { actor: `${role}-1`, role, accountId: null }, channel, input)) as Result<OutputOf<C>>;
const pdfOf = (r: { fileId: string }, ctx = app.ctx) => heldBytes(ctx, r);
/** A file chosen by the caller `as(role)` stands for (admitted files are bound to who chose them). */
const chosenAs = (role: Caller['role'], bytes: Buffer | string, kind: FileKind) =>
  filesOf(app.ctx).admitBytes(Buffer.from(bytes), kind, `${role}-1`, 'chosen').fileId;

/** A finalized record (the default settings require no handwritten signatures). */
async function finalized(target: TestApp = app, reference = 'HO-2023-0001') {
  const d = await target.must('handovers:create', { data: kyrgyzHandover({ referenceNo: reference }) });
  return target.must('handovers:finalize', { id: d.id, expectedRevision: d.revision });
}

/**
 * What an attacker holding the database (its key, a SQL shell) can do: mint a CA and a signing certificate, seal the
 * key with the database's own vault and make it the active identity with plain SQL. The app then signs with it.
 */
function insertIdentityBySql(target: TestApp, org = 'Forged Office') {
  const now = new Date();
  const ca = createCa(org, now);
  const leaf = issueSigningCert(ca, org, now);
  const password = 'forged';
  const p12 = toP12(leaf.key, [leaf.cert, ca.cert], password, 1);
  const sealed = dbKeyVault(target.ctx.keys).seal(
    Buffer.from(JSON.stringify({ p12: p12.toString('base64'), password })),
  );
  const sqlite = target.ctx.db.sqlite;
  sqlite.prepare('UPDATE signing_identities SET active = 0').run();
  sqlite
    .prepare(
      `INSERT INTO signing_identities (id, kind, subject, fingerprint, cert_pem, ca_cert_pem, not_after, vault, sealed,
         active, created_at, created_by) VALUES (?, 'generated', ?, 'x', ?, ?, ?, 'dbkey', ?, 1, ?, 'sql')`,
    )
    .run(
      uuidv7(),
      org,
      certToPem(leaf.cert),
      certToPem(ca.cert),
      leaf.cert.validity.notAfter.toISOString(),
      sealed,
      now.toISOString(),
    );
  return { caPem: certToPem(ca.cert) };
}

describe('trust anchors out of the database’s reach', { timeout: 120_000 }, () => {
  it('verifies a genuine report; refuses one signed by a CA inserted through SQL, naming why', async () => {
    await app.must('signing:create', {});
    const genuine = pdfOf(await app.must('report:export', { handoverId: (await finalized()).id }));
    expect(pdfsig(genuine)).toContain('Signature is Valid.');
    expect(pdfsig(genuine)).toContain('Total document signed');
    expect((await as('viewer')('report:verify', { fileId: chosenAs('viewer', genuine, 'reportPdf') })).ok).toBe(true);
    const v0 = await app.must('report:verify', { fileId: app.choose(genuine, 'reportPdf') });
    expect(v0).toMatchObject({ authentic: true, reasons: [] });
    expect(v0.trustedBy?.subject).toContain('Tasleem Report Signing CA');

    insertIdentityBySql(app);
    const h2 = await finalized(app, 'HO-2023-0002');
    const forged = pdfOf(await app.must('report:export', { handoverId: h2.id }));
    // Cryptographically sound, so a reader trusting the file's own chain would be fooled; the content matches too.
    expect(pdfsig(forged)).toContain('Signature is Valid.');
    for (const [who, fileId] of [
      [app.must.bind(app), () => app.choose(forged, 'reportPdf')],
      [
        async <C extends Channel>(c: C, i: InputOf<C>) => {
          const r = await as('viewer')(c, i);
          if (!r.ok) throw new Error(r.error.code);
          return r.value;
        },
        () => chosenAs('viewer', forged, 'reportPdf'),
      ],
    ] as const) {
      const v = await who('report:verify', { fileId: fileId() });
      expect(v.authentic).toBe(false);
      expect(v.reasons).toEqual(['ca_not_pinned']);
    }
    // The genuine report still verifies: its CA is pinned in the key store, whatever the rows say now.
    expect((await app.must('report:verify', { fileId: app.choose(genuine, 'reportPdf') })).authentic).toBe(true);

    // Rewriting the genuine row's CA column changes nothing either way.
    app.ctx.db.sqlite
      .prepare(
        'UPDATE signing_identities SET ca_cert_pem = (SELECT ca_cert_pem FROM signing_identities WHERE active = 1)',
      )
      .run();
    expect((await app.must('report:verify', { fileId: app.choose(genuine, 'reportPdf') })).authentic).toBe(true);
    expect((await app.must('report:verify', { fileId: app.choose(forged, 'reportPdf') })).reasons).toEqual([
      'ca_not_pinned',
    ]);
  });

  it('pins an older database’s CA on an administrator’s first use, not on a viewer’s', async () => {
    insertIdentityBySql(app, 'Qamishli Office'); // an identity from before pinning: the key store pins nothing
    expect(app.ctx.keys.pinnedCas()).toEqual([]);
    const h = await finalized();
    const exported = await as('registrar')('report:export', { handoverId: h.id });
    if (!exported.ok) throw new Error(exported.error.code);
    const pdf = pdfOf(exported.value);
    expect(app.ctx.keys.pinnedCas()).toEqual([]); // a registrar's export pins nothing

    const byViewer = await as('viewer')('report:verify', { fileId: chosenAs('viewer', pdf, 'reportPdf') });
    expect(byViewer.ok && byViewer.value.reasons).toEqual(['ca_not_pinned']);
    expect(app.ctx.keys.pinnedCas()).toEqual([]);

    const byAdmin = await as('administrator')('report:verify', { fileId: chosenAs('administrator', pdf, 'reportPdf') });
    expect(byAdmin.ok && byAdmin.value.authentic).toBe(true);
    expect(app.ctx.keys.pinnedCas()).toHaveLength(1);
    const audit = app.ctx.db.sqlite
      .prepare(`SELECT actor, details FROM audit_log WHERE action = 'signing.pin_ca'`)
      .all();
    expect(audit).toEqual([{ actor: 'administrator-1', details: expect.stringContaining('"firstUse":true') }]);
    const later = await as('viewer')('report:verify', { fileId: chosenAs('viewer', pdf, 'reportPdf') });
    expect(later.ok && later.value.authentic).toBe(true);
    // The pin survives reopening: it lives in the key store, under its HMAC.
    expect(KeyStore.open(app.ctx.keys.file, testUnlock()).pinnedCas()).toHaveLength(1);
  });

  it('trusts another office only through the sealed list: an edited list or its removal refuses the report', async () => {
    await app.must('signing:create', {});
    const other = testApp();
    const attacker = testApp();
    try {
      const theirs = pdfOf(await other.must('report:export', { handoverId: (await finalized(other)).id }), other.ctx);
      const forged = pdfOf(
        await attacker.must('report:export', { handoverId: (await finalized(attacker)).id }),
        attacker.ctx,
      );
      const theirCa = heldBytes(other.ctx, await other.must('signing:exportCa', {}));
      const attackerCa = heldBytes(attacker.ctx, await attacker.must('signing:exportCa', {})).toString('utf8');
      const check = async (pdf: Buffer) =>
        app.must('report:verify', { fileId: app.choose(pdf, 'reportPdf'), checkRecord: false });
      expect((await check(theirs)).reasons).toEqual(['untrusted_signer']);

      // Only an administrator adds an office's CA.
      const refused = await as('registrar')('signing:trustCa', {
        fileId: chosenAs('registrar', theirCa, 'caCertificate'),
        label: 'Hasakah',
      });
      expect(!refused.ok && refused.error.code).toBe('FORBIDDEN');
      const notCa = await app.call('signing:trustCa', {
        fileId: app.choose('not a certificate', 'caCertificate'),
        label: 'x',
      });
      expect(!notCa.ok && notCa.error.code).toBe('BAD_FILE');
      const added = await app.must('signing:trustCa', {
        fileId: app.choose(theirCa, 'caCertificate'),
        label: 'Hasakah office',
      });
      expect(added).toMatchObject({ label: 'Hasakah office', sealed: true });
      expect(app.ctx.keys.trustedCas()).toEqual([added.fingerprint]);
      expect(await check(theirs)).toMatchObject({ authentic: true, reasons: [] });
      expect((await check(forged)).reasons).toEqual(['untrusted_signer']);

      // The attacker appends their CA to the list through SQL: the list no longer matches its seal.
      const listRow = () =>
        app.ctx.db.sqlite.prepare(`SELECT value FROM settings WHERE key = 'signing.officeCas'`).get() as {
          value: string;
        };
      const original = listRow().value;
      const list = JSON.parse(original) as { pem: string; label: string }[];
      const setList = (v: unknown) =>
        app.ctx.db.sqlite
          .prepare(`UPDATE settings SET value = ? WHERE key = 'signing.officeCas'`)
          .run(JSON.stringify(v));
      setList([
        ...list,
        { pem: attackerCa, label: 'Hasakah (backup)', addedAt: list[0] && new Date().toISOString(), addedBy: 'admin' },
      ]);
      const v = await check(forged);
      expect(v.authentic).toBe(false);
      expect(v.reasons).toEqual(['trust_list_altered']);
      const listed = await app.must('signing:officeCas', {});
      expect(listed.altered).toBe(true);
      expect(listed.list.map((c) => c.sealed)).toEqual([true, false]);
      // What the administrator sealed still holds, with a warning.
      expect(await check(theirs)).toMatchObject({ authentic: true, warnings: ['trust_list_altered'] });

      // Swapping the trusted certificate for the attacker's, label unchanged: refused too.
      setList([{ ...list[0], pem: attackerCa }]);
      expect((await check(forged)).reasons).toEqual(['trust_list_altered']);
      expect((await check(theirs)).reasons).toEqual(['trust_list_altered']);

      // The seal itself sits in the key store under its HMAC: editing it there makes the key store refuse to open.
      setList(JSON.parse(original));
      const file = app.ctx.keys.file;
      const data = JSON.parse(readFileSync(file, 'utf8'));
      const saved = readFileSync(file, 'utf8');
      data.state.trustedCas.push('f'.repeat(64));
      writeFileSync(file, JSON.stringify(data));
      expect(() => KeyStore.open(file, testUnlock())).toThrow(/altered/);
      writeFileSync(file, saved);

      // Removing the office is an administrator's act that re-seals the list.
      expect((await as('viewer')('signing:untrustCa', { fingerprint: added.fingerprint })).ok).toBe(false);
      await app.must('signing:untrustCa', { fingerprint: added.fingerprint });
      expect(app.ctx.keys.trustedCas()).toEqual([]);
      expect((await check(theirs)).reasons).toEqual(['untrusted_signer']);
      const actions = (
        app.ctx.db.sqlite.prepare(`SELECT action FROM audit_log WHERE entity = 'trusted_ca'`).all() as {
          action: string;
        }[]
      ).map((a) => a.action);
      expect(actions).toEqual(['signing.trust_ca', 'signing.untrust_ca']);
    } finally {
      other.close();
      attacker.close();
    }
  });

  it('lets only an administrator create the signing identity; others get a translated error and nothing is made', async () => {
    const h = await finalized();
    const byRegistrar = await as('registrar')('report:export', { handoverId: h.id });
    expect(!byRegistrar.ok && byRegistrar.error.code).toBe('SIGNING_IDENTITY_MISSING');
    const totals = await as('viewer')('totals:export', { filter: {}, format: 'pdf', locale: 'en' });
    expect(!totals.ok && totals.error.code).toBe('SIGNING_IDENTITY_MISSING');
    expect(await app.must('signing:identity', {})).toBeNull();
    expect(app.ctx.keys.pinnedCas()).toEqual([]);

    await app.must('signing:create', {});
    expect(app.ctx.keys.pinnedCas()).toHaveLength(1);
    const later = await as('viewer')('totals:export', { filter: {}, format: 'pdf', locale: 'en' });
    expect(later.ok).toBe(true);
    const again = await as('registrar')('report:export', { handoverId: h.id });
    expect(again.ok && again.value.signed).toBe(true);
  });
});
