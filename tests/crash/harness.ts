import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { defaultMigrationsFolder, openDatabase } from '../../db/open';
import { databaseFile } from '../../electron/services/data-dir';
import { verifyAudit } from '../../electron/services/audit/verify';
import { KeyStore, keyStoreFileFor } from '../../electron/services/keys/keystore';
import { EXTERNAL } from '../../scripts/build-electron.js';
import { testUnlock } from '../support/keys';

/**
 * Crash harness (issue 11): a writer child records handovers and acknowledges each commit; the parent kills it with
 * SIGKILL at a random moment, then opens the database the way the app does and checks that integrity_check is ok and
 * that every acknowledged record is there, in the state acknowledged — again and again on the same database.
 */
export interface CrashFigures {
  kills: number;
  /** Kills that landed before the child had opened the database (during start-up or migrations). */
  killedStarting: number;
  acknowledged: number;
  records: number;
  finalized: number;
  attachments: number;
  lost: number;
  integrityFailures: number;
  /** Kills after which the audit chain, checked against the head kept beside the key store, did not verify. */
  auditAlarms: number;
  seconds: number;
}

type Ack = { created: boolean; finalized: boolean; attached: boolean };

/** The child bundled once (esbuild, as the desktop build bundles workers): each restart then costs ~0.1 s, not a compile. */
async function bundleChild(outDir: string): Promise<string> {
  const outfile = join(outDir, 'writer-child.cjs');
  await build({
    entryPoints: [fileURLToPath(new URL('./writer-child.ts', import.meta.url))],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Native modules stay outside the bundle, as in the desktop build (argon2's binding is not in that list yet).
    external: [...EXTERNAL, '@node-rs/*'],
    logLevel: 'error',
  });
  return outfile;
}

function runChild(
  child: string,
  dataDir: string,
  killAfter: (ready: boolean) => number,
  acks: Map<string, Ack>,
): Promise<{ ready: boolean; error?: string }> {
  return new Promise((resolve, reject) => {
    // The bundle lives in a temp folder: the native module is found through the project's node_modules.
    const env = { ...process.env, NODE_PATH: fileURLToPath(new URL('../../node_modules', import.meta.url)) };
    const p = spawn(process.execPath, [child, dataDir, defaultMigrationsFolder()], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env,
    });
    let ready = false;
    let error: string | undefined;
    let stderr = '';
    const kill = () => p.kill('SIGKILL');
    let timer = setTimeout(kill, killAfter(false));
    createInterface({ input: p.stdout }).on('line', (line) => {
      const [what, id] = line.split(' ');
      if (what === 'ready') {
        ready = true;
        clearTimeout(timer);
        timer = setTimeout(kill, killAfter(true));
      } else if (what === 'error') error = line;
      else {
        const a = acks.get(id) ?? { created: false, finalized: false, attached: false };
        if (what === 'created') a.created = true;
        if (what === 'finalized') a.finalized = true;
        if (what === 'attached') a.attached = true;
        acks.set(id, a);
      }
    });
    p.stderr.on('data', (d) => (stderr += d));
    p.on('error', reject);
    p.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') error ??= `writer exited by itself (code ${code}): ${stderr.slice(0, 2000)}`;
      resolve({ ready, error });
    });
  });
}

/** Opens the database as the app does after a crash, and checks it against every acknowledgement so far. */
function verify(
  dataDir: string,
  acks: Map<string, Ack>,
): { integrity: string; lost: string[]; records: number; audit: string } {
  const file = databaseFile(dataDir);
  if (!existsSync(keyStoreFileFor(file))) {
    // Killed before its first start had made the key store, which comes before the database: nothing can exist yet.
    if (acks.size || existsSync(file))
      return { integrity: 'database without its key store', lost: [...acks.keys()], records: 0, audit: 'ok' };
    return { integrity: 'ok', lost: [], records: 0, audit: 'ok' };
  }
  let keys: KeyStore;
  try {
    keys = KeyStore.open(keyStoreFileFor(file), testUnlock());
  } catch (err) {
    return { integrity: 'ok', lost: [], records: 0, audit: `key store: ${(err as Error).message}` };
  }
  const db = openDatabase(file, { key: keys.dbKey });
  try {
    const integrity = (db.sqlite.pragma('integrity_check') as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .join('; ');
    const rows = new Map(
      (db.sqlite.prepare('SELECT id, status FROM handovers').all() as { id: string; status: string }[]).map((r) => [
        r.id,
        r.status,
      ]),
    );
    const versions = new Set(
      (db.sqlite.prepare('SELECT handover_id AS id FROM handover_versions').all() as { id: string }[]).map((r) => r.id),
    );
    const attached = new Set(
      (db.sqlite.prepare('SELECT handover_id AS id FROM attachments').all() as { id: string }[]).map((r) => r.id),
    );
    const lost: string[] = [];
    for (const [id, a] of acks) {
      if (a.created && !rows.has(id)) lost.push(`${id} created`);
      if (a.finalized && (rows.get(id) !== 'finalized' || !versions.has(id))) lost.push(`${id} finalized`);
      if (a.attached && !attached.has(id)) lost.push(`${id} attachment`);
    }
    // Nobody tampered with anything: the kept head must be on the chain (behind it at most), never a false alarm.
    const chain = verifyAudit({ db, auditHead: { read: () => keys.auditHead(), write: () => undefined } });
    const audit = chain.ok
      ? 'ok'
      : `${chain.broken?.reason} at ${chain.broken?.id}, head ${JSON.stringify(chain.head)}`;
    return { integrity, lost, records: rows.size, audit };
  } finally {
    db.close();
  }
}

export async function runCrashHarness(opts: {
  kills: number;
  log?: (line: string) => void;
  random?: () => number;
}): Promise<CrashFigures> {
  const random = opts.random ?? Math.random;
  const work = mkdtempSync(join(tmpdir(), 'tasleem-crash-'));
  const dataDir = join(work, 'data');
  const started = performance.now();
  const acks = new Map<string, Ack>();
  const figures: CrashFigures = {
    kills: 0,
    killedStarting: 0,
    acknowledged: 0,
    records: 0,
    finalized: 0,
    attachments: 0,
    lost: 0,
    integrityFailures: 0,
    auditAlarms: 0,
    seconds: 0,
  };
  try {
    const child = await bundleChild(work);
    for (let k = 0; k < opts.kills; k++) {
      // Mostly mid-write, sometimes during start-up and migrations: one kill in ten may land before "ready".
      const killAfter = (ready: boolean) => (ready ? 5 + random() * 400 : random() < 0.1 ? random() * 300 : 60_000);
      const run = await runChild(child, dataDir, killAfter, acks);
      if (run.error) throw new Error(`crash harness: ${run.error}`);
      figures.kills++;
      if (!run.ready) figures.killedStarting++;
      const check = verify(dataDir, acks);
      if (check.integrity !== 'ok') figures.integrityFailures++;
      figures.lost += check.lost.length;
      if (check.audit !== 'ok') figures.auditAlarms++;
      figures.records = check.records;
      if (check.integrity !== 'ok' || check.lost.length || check.audit !== 'ok')
        opts.log?.(
          `kill ${k + 1}: integrity ${check.integrity}; lost ${check.lost.slice(0, 5).join(', ')}; audit ${check.audit}`,
        );
      else if ((k + 1) % 25 === 0)
        opts.log?.(`${k + 1} kills, ${check.records} records, all acknowledged commits present, integrity ok`);
    }
    const all = [...acks.values()];
    figures.acknowledged =
      all.filter((a) => a.created).length +
      all.filter((a) => a.finalized).length +
      all.filter((a) => a.attached).length;
    figures.finalized = all.filter((a) => a.finalized).length;
    figures.attachments = all.filter((a) => a.attached).length;
    figures.seconds = (performance.now() - started) / 1000;
    return figures;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export const describeFigures = (f: CrashFigures) =>
  `crash harness: ${f.kills} SIGKILLs survived (${f.killedStarting} during start-up), ${f.acknowledged} acknowledged commits ` +
  `(${f.records} handovers, ${f.finalized} finalized, ${f.attachments} attachments), ${f.lost} lost, ` +
  `${f.integrityFailures} integrity failures, ${f.auditAlarms} audit-chain alarms, ${f.seconds.toFixed(1)} s`;
