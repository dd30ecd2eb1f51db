/**
 * Import of 100,000 CSV rows through the app's import path (read, map, validate with the form's schema, check
 * references, build version 1 and its hash; the writer thread writes records + search index + version 1 in one
 * transaction while the next rows are checked), as a ratio to raw prepared INSERTs of the same rows in one
 * transaction, all measured in this run on fresh databases. Target ≤ 2×. "The same rows" are printed both ways: as
 * the database stores a finalized handover (record, search row, version 1: what the import must write) and as bare
 * `handovers` rows (what a spreadsheet row looks like before it is a handover).
 * Run: npx tsx tests/bench/import.bench.ts (or npm run bench, which runs every tests/bench/*.bench.ts).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { createAppContext } from '../../electron/services/app-context';
import { localCaller } from '../../electron/services/context';
import { importTuple, prepareImportWriter } from '../../db/queries/import';
import { contentFields, frozenContent } from '../../electron/services/content';
import { CANONICAL_COLUMNS } from '../../electron/api/domain/import';
import { blankFields, type HandoverFields } from '../../electron/api/schemas/handover';
import { importFile } from '../../electron/services/import/service';
import { buildWorkers } from '../../scripts/build-workers.js';
import { testUnlock } from '../support/keys';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_IMPORT_ROUNDS ?? 3);
const COUNTRIES = ['KG', 'FR', 'DE', 'NL', 'RU', 'KZ', 'UZ', 'XK', 'BE', 'SE'];

function makeRows() {
  return Array.from({ length: ROWS }, (_, i) => {
    const children = (i % 40) + 1;
    return {
      reference_no: `HO-${2019 + (i % 6)}-${String(i + 1).padStart(6, '0')}`,
      handover_date: `${2019 + (i % 6)}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
      receiving_country: COUNTRIES[i % COUNTRIES.length],
      delegation_head_name: `Delegation head ${i}`,
      delegation_head_title: 'Head of delegation',
      delegation_body: 'Ministry of Foreign Affairs',
      handing_official_name: 'سامر حسن',
      location: 'Qamishli',
      camp_of_origin: i % 3 === 0 ? 'roj' : 'al_hol',
      women_count: (i % 20) + 1,
      children_count: children,
      boys_count: Math.floor(children / 2),
      girls_count: Math.ceil(children / 2),
      unaccompanied_count: 0,
      men_count: 0,
      notes: i % 10 === 0 ? 'ملاحظة' : '',
    };
  });
}

function tempApp() {
  const dir = mkdtempSync(join(tmpdir(), 'tasleem-bench-'));
  const ctx = createAppContext({ dataDir: dir, mode: 'cli', unlock: testUnlock() });
  return { ctx, done: () => (ctx.db.close(), rmSync(dir, { recursive: true, force: true })) };
}

type Row = ReturnType<typeof makeRows>[number];

/** Baseline: the same rows, already typed, one prepared INSERT per row, one transaction. */
function rawInsert(rows: Row[]): number {
  const raw = tempApp();
  // As the import's writer thread does: the WAL is copied into the database file after the commit, not inside it.
  raw.ctx.db.sqlite.pragma('wal_autocheckpoint = 0');
  const at = new Date().toISOString();
  const insert = raw.ctx.db.sqlite.prepare(
    `INSERT INTO handovers (id, reference_no, status, handover_date, receiving_country, delegation_head_name, delegation_head_title, delegation_body,
      handing_authority, handing_official_name, location, camp, women_count, children_count, boys_count, girls_count, unaccompanied_count, men_count,
      notes, source, created_at, created_by, updated_at, updated_by) VALUES (?, ?, 'finalized', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'import', ?, 'bench', ?, 'bench')`,
  );
  const t0 = performance.now();
  raw.ctx.db.sqlite.transaction(() => {
    for (const r of rows) {
      insert.run(
        uuidv7(),
        r.reference_no,
        r.handover_date,
        r.receiving_country,
        r.delegation_head_name,
        r.delegation_head_title,
        r.delegation_body,
        'Department of Foreign Relations, Qamishli',
        r.handing_official_name,
        r.location,
        r.camp_of_origin,
        r.women_count,
        r.children_count,
        r.boys_count,
        r.girls_count,
        r.unaccompanied_count,
        r.men_count,
        r.notes,
        at,
        at,
      );
    }
  })();
  const ms = performance.now() - t0;
  raw.done();
  return ms;
}

/**
 * The same rows as the database stores a finalized handover: record, search row and version 1, already built, through
 * the import's own prepared statements: the floor of any import that keeps search and version history.
 */
function prebuiltWrites(rows: Row[]): number {
  const floor = tempApp();
  floor.ctx.db.sqlite.pragma('wal_autocheckpoint = 0');
  const writer = prepareImportWriter(floor.ctx.db.sqlite);
  const stamp = { sourceRef: 'bench', fileName: 'bench.csv', at: new Date().toISOString(), actor: 'bench' };
  const tuples = rows.map((r, i) => {
    const id = uuidv7();
    const fields = {
      ...blankFields(),
      referenceNo: r.reference_no,
      handoverDate: r.handover_date,
      receivingCountry: r.receiving_country,
      delegationHeadName: r.delegation_head_name,
      delegationHeadTitle: r.delegation_head_title,
      delegationBody: r.delegation_body,
      delegationMembers: [],
      handingAuthority: 'Department of Foreign Relations, Qamishli',
      handingOfficialName: r.handing_official_name,
      handingOfficialTitle: '',
      location: r.location,
      camp: r.camp_of_origin as 'roj' | 'al_hol',
      campOther: '',
      womenCount: r.women_count,
      childrenCount: r.children_count,
      boysCount: r.boys_count,
      girlsCount: r.girls_count,
      unaccompaniedCount: 0,
      menCount: 0,
      documentLanguages: ['ar', 'en'] as ('ar' | 'en')[],
      notes: r.notes,
    } as HandoverFields;
    return importTuple(
      id,
      fields,
      stamp,
      'finalized',
      null,
      frozenContent({ id, fields: contentFields(fields), persons: [] }),
      i + 2,
    );
  });
  const t = performance.now();
  floor.ctx.db.sqlite.transaction(() => {
    for (const x of tuples) writer.write(x);
    writer.finish();
  })();
  const ms = performance.now() - t;
  floor.done();
  return ms;
}

/** The app's import path, as the job and the CLI run it, on the CSV file's bytes. */
async function appImport(csv: Buffer, workersDir: string, withSummary = true): Promise<{ ms: number; cpuMs: number }> {
  const app = tempApp();
  // The database as it was before the totals summaries (issue 14): same import, no triggers keeping them.
  if (!withSummary) app.ctx.db.sqlite.exec('DROP TRIGGER handover_totals_insert; DROP TRIGGER handover_totals_update');
  const cpu0 = process.cpuUsage();
  const t = performance.now();
  const report = await importFile({ ...app.ctx, workersDir }, localCaller('bench'), { name: 'bench.csv', data: csv });
  const ms = performance.now() - t;
  const cpu = process.cpuUsage(cpu0);
  app.done();
  if (report.counts.new !== ROWS) throw new Error(`expected ${ROWS} new rows, got ${JSON.stringify(report.counts)}`);
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/**
 * Rounds alternate baseline and import on fresh databases; each side's best round is compared, since on a shared
 * machine (fsync, other work) single runs of the baseline alone vary by half.
 */
export async function benchImport() {
  const rows = makeRows();
  const csv = Buffer.from(
    `${CANONICAL_COLUMNS.join(',')}\r\n${rows.map((r) => CANONICAL_COLUMNS.map((c) => r[c]).join(',')).join('\r\n')}\r\n`,
    'utf8',
  );
  // The desktop app runs the writer thread from its bundle (scripts/build-electron.js); so does this bench, so that
  // compiling TypeScript at thread start (CLI and browser mode run from source) is not counted as import time.
  mkdirSync(join('node_modules', '.cache'), { recursive: true });
  const workersDir = resolve(mkdtempSync(join('node_modules', '.cache', 'tasleem-bench-workers-')));
  await buildWorkers(workersDir);
  const raw: number[] = [];
  const stored: number[] = [];
  const imports: { ms: number; cpuMs: number }[] = [];
  const unsummarized: { ms: number; cpuMs: number }[] = [];
  try {
    for (let i = 0; i < ROUNDS; i++) {
      raw.push(rawInsert(rows));
      stored.push(prebuiltWrites(rows));
      imports.push(await appImport(csv, workersDir));
      unsummarized.push(await appImport(csv, workersDir, false));
    }
  } finally {
    rmSync(workersDir, { recursive: true, force: true });
  }
  const best = imports.reduce((a, b) => (b.ms < a.ms ? b : a));
  const bestBefore = unsummarized.reduce((a, b) => (b.ms < a.ms ? b : a));
  return {
    rows: ROWS,
    raw,
    stored,
    imports: imports.map((x) => x.ms),
    rawMs: Math.min(...raw),
    storedMs: Math.min(...stored),
    importMs: best.ms,
    cpuMs: best.cpuMs,
    before: unsummarized.map((x) => x.ms),
    beforeMs: bestBefore.ms,
    beforeCpuMs: bestBefore.cpuMs,
  };
}

const r = await benchImport();
const list = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ');
console.log(
  `import: ${r.rows.toLocaleString('en')} CSV rows through the app's import path ${r.importMs.toFixed(0)} ms (best of ${ROUNDS}: ${list(r.imports)})\n` +
    `import: ratio ${(r.importMs / r.storedMs).toFixed(2)}× to raw prepared INSERTs of the same rows as stored (record + search row + version 1) in one transaction, ${r.storedMs.toFixed(0)} ms (${list(r.stored)}) (target ≤ 2×)\n` +
    `import: ratio ${(r.importMs / r.rawMs).toFixed(2)}× to a raw prepared INSERT of the bare handovers rows in one transaction, ${r.rawMs.toFixed(0)} ms (${list(r.raw)}); those stored rows alone are ${(r.storedMs / r.rawMs).toFixed(2)}× it\n` +
    `import: CPU time of the best import, all threads: ${r.cpuMs.toFixed(0)} ms (${(r.cpuMs / r.importMs).toFixed(2)} cores busy on average)\n` +
    `import: without the triggers that keep the totals summaries (the database before issue 14) ${r.beforeMs.toFixed(0)} ms (${list(r.before)}), CPU ${r.beforeCpuMs.toFixed(0)} ms → with them ${(r.importMs / r.beforeMs).toFixed(2)}× the time, ${(r.cpuMs / r.beforeCpuMs).toFixed(2)}× the CPU (target ≤ 1.10×)`,
);
