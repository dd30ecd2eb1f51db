// Memory of browser mode's server (the process that hosts the same services as the desktop app) with 1,000,000
// handovers: the list scrolled from the first row to the last (every page, as scrolling on asks them), a full-text
// search with its figures, the totals page's queries, a signed handover report and the totals report. Prints the peak
// resident set (VmHWM of the server process) against the same server's resident set once it has opened the database
// and answered one request (the baseline, same run). Target: peak < 250 MB.
// BENCH_MEMORY_ROWS sets the size; the rows are list.bench.ts's (tests/bench/seeded-handovers.ts, seeded once per size).
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEST_PASSPHRASE } from '../support/keys';
import { seededHandovers } from './seeded-handovers';

const ROWS = Number(process.env.BENCH_MEMORY_ROWS ?? 1_000_000);
const TARGET_MB = 250;
const root = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'tasleem-bench-mem-'));
const dbFile = join(work, 'tasleem.db');
// Encrypted like the app's: the key store beside it (tasleem.keystore), the server given its passphrase.
process.env.TASLEEM_DB_KEY = TEST_PASSPHRASE;

const kb = (pid: number, field: 'VmRSS' | 'VmHWM') =>
  Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
/** User + system CPU of a process so far (/proc/<pid>/stat fields 14 and 15, in clock ticks of 1/100 s). */
const cpuSeconds = (pid: number) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
};
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
const mb = (k: number) => `${(k / 1024).toFixed(0)} MB`;

seededHandovers(dbFile, ROWS);

// The real browser mode, as `npm run web` starts it (bundled by scripts/build-web.js, as the desktop app's main process
// is), in its own process.
execFileSync(process.execPath, [join(root, 'scripts/build-web.js')], { cwd: root });
const spawned = performance.now();
const server = spawn(process.execPath, [join(root, 'dist-web/server.mjs'), '--data-dir', work, '--port', '0'], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
});
const pid = server.pid!;
const url = await new Promise<URL>((resolve, reject) => {
  let out = '';
  server.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
    const m = /http:\/\/\S+/.exec(out);
    if (m) resolve(new URL(m[0]));
  });
  server.on('exit', (code) => reject(new Error(`browser mode exited (${code})`)));
});
const token = url.searchParams.get('token')!;
const listening = performance.now() - spawned;
let peakSeen = 0;
const poll = setInterval(() => (peakSeen = Math.max(peakSeen, kb(pid, 'VmRSS'))), 20);

let cookie = '';
async function call<T>(channel: string, input: unknown): Promise<T> {
  const res = await fetch(new URL(`/api/${channel}`, url), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', cookie },
    body: JSON.stringify(input),
  });
  // The session cookie browser mode sets at sign-in, sent back like a browser would.
  cookie = res.headers.get('set-cookie')?.split(';')[0] ?? cookie;
  const body = (await res.json()) as { ok: boolean; value: T; error?: unknown };
  if (!body.ok) throw new Error(`${channel}: ${JSON.stringify(body.error)}`);
  return body.value;
}

try {
  const step = async (label: string, fn: () => Promise<unknown>) => {
    const s = performance.now();
    const c = cpuSeconds(pid);
    await fn();
    console.log(
      `  ${label.padEnd(66)} ${((performance.now() - s) / 1000).toFixed(1).padStart(6)} s wall, server CPU ${(cpuSeconds(pid) - c).toFixed(1)} s   RSS now ${mb(kb(pid, 'VmRSS'))}, peak so far ${mb(kb(pid, 'VmHWM'))}`,
    );
  };
  const list = { sort: 'handoverDate', direction: 'desc' };
  // The first run's administrator, then signed in as a person would.
  await call('auth:setup', { username: 'admin', displayName: 'Bench', password: 'bench-password-1' });
  await call('auth:signIn', { username: 'admin', password: 'bench-password-1' });
  await call('handovers:list', { ...list, limit: 100 });
  const baseline = kb(pid, 'VmRSS');
  console.log(
    `browser mode's server, ${ROWS.toLocaleString('en')} handovers (load ${load()}): listening ${(listening / 1000).toFixed(1)} s after spawn, first page answered ${((performance.now() - spawned) / 1000).toFixed(1)} s after spawn; ${mb(baseline)} resident then (baseline)`,
  );

  const total = (await call<{ handovers: number }>('handovers:summary', {})).handovers;
  // Scrolling on, the table asks the page after the last row it has (keyset); a drag of the scrollbar asks a page by
  // its position. Every page from the first row to the last, then four jumps.
  type Row = { id: string; handoverDate: string };
  await step(
    `list scrolled end to end (${Math.ceil(total / 100).toLocaleString('en')} pages of 100, keyset)`,
    async () => {
      let after: { value: string; id: string } | undefined;
      let seen = 0;
      for (;;) {
        const { rows } = await call<{ rows: Row[] }>('handovers:list', {
          ...list,
          limit: 100,
          ...(after ? { after } : {}),
        });
        seen += rows.length;
        const last = rows.at(-1);
        if (rows.length < 100 || !last) break;
        after = { value: last.handoverDate, id: last.id };
      }
      if (seen !== total) throw new Error(`scrolled ${seen} rows of ${total}`);
    },
  );
  await step('scrollbar dragged: pages at 25%, 50%, 75% and the end by position', async () => {
    for (const at of [0.25, 0.5, 0.75, 1])
      await call('handovers:list', { ...list, offset: Math.max(0, Math.floor((total - 100) * at)), limit: 100 });
  });
  await step('search "ارسلان": first page, then its figures', async () => {
    await call('handovers:list', { ...list, search: 'ارسلان', limit: 100 });
    await call('handovers:summary', { search: 'ارسلان' });
  });
  await step('totals page: totals, timeline (month), all time, a day-level range, and drafts', async () => {
    for (const includeDrafts of [false, true])
      for (const range of [{}, { from: '2016-03-17', to: '2021-08-09' }]) {
        await call('totals:get', { includeDrafts, camps: [], ...range });
        await call('totals:timeline', { filter: { includeDrafts, camps: [], ...range }, granularity: 'month' });
      }
  });
  await step('signed handover report (a record recorded through the API)', async () => {
    const h = await call<{ id: string; revision: number }>('handovers:create', {
      data: {
        referenceNo: 'MEM-1',
        handoverDate: '2023-02-16',
        receivingCountry: 'KG',
        delegationHeadName: 'Arslan Tokobaev',
        handingAuthority: 'Department of Foreign Relations, Qamishli',
        handingOfficialName: 'سامر حسن',
        camp: 'al_hol',
        womenCount: 18,
        childrenCount: 41,
        boysCount: 20,
        girlsCount: 21,
      },
    });
    const f = await call<{ id: string }>('handovers:finalize', { id: h.id, expectedRevision: h.revision });
    await call('report:export', { handoverId: f.id });
  });
  await step('totals report (PDF)', () =>
    call('totals:export', { filter: { includeDrafts: false, camps: [] }, format: 'pdf', locale: 'ar' }),
  );
  const peak = Math.max(kb(pid, 'VmHWM'), peakSeen);
  console.log(
    `\npeak resident set of the server: ${mb(peak)} (${(peak / baseline).toFixed(2)}× the baseline; target < ${TARGET_MB} MB)${peak / 1024 >= TARGET_MB ? '  OVER TARGET' : ''}; load ${load()}`,
  );
  process.exitCode = peak / 1024 < TARGET_MB ? 0 : 1;
} finally {
  clearInterval(poll);
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  rmSync(work, { recursive: true, force: true });
}
