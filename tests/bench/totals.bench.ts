// Per-country totals: the app's query (all-time summary, or for a range each bucket's days held in memory) against the statement before them
// (year/month summaries + edge days from the index) and the GROUP BY over the handovers table it ran before and a naive load-and-reduce, all
// measured in this run on the same file; then the totals page in Chromium with 200 countries against the empty totals page. Target: the app's
// query ≤ 5 ms at 1,000,000 handovers, whatever the filter.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Db } from '../../db/open';
import { countryTotals, splitRange, type CountryTotals, type TotalsFilter } from '../../db/queries/totals';
import { handovers } from '../../db/schema';
import { allCountryCodes } from '../../electron/api/domain/countries';
import type { AppContext } from '../../electron/services/context';
import { addAccount, signIn, type Credentials } from '../support/accounts';
import { startWebServer } from '../../electron/web/server';
import isoCountries from 'i18n-iso-countries';
import type { GeometryCollection, Topology } from 'topojson-specification';
import world from 'world-atlas/countries-110m.json';
import type { Page } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { bulkSeed } from './bulk-seed';
import { addUpByCountry } from '../support/naive-totals';
import { testKeyStore } from '../support/keys';

const SIZES = (process.env.BENCH_SIZES ?? '10000,100000,1000000')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const TARGET_MS = 5;
const root = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'tasleem-bench-'));
// Encrypted like the app's database; the raw baselines run on the same encrypted connection.
const keys = testKeyStore(work);

const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Warm-up runs, then the median of the timed runs, in milliseconds, for each function: wall time and the process's CPU
 * time (user + system; on a shared machine the wall time also holds the waits for a core). The functions take turns
 * (in alternating order) within every round, so a slow moment of a shared machine hits them alike.
 */
function medians(fns: (() => unknown)[], runs: number, warmup = 2): { wall: number; cpu: number }[] {
  for (let i = 0; i < warmup; i++) for (const fn of fns) fn();
  const wall: number[][] = fns.map(() => []);
  const cpu: number[][] = fns.map(() => []);
  for (let i = 0; i < runs; i++) {
    const order = i % 2 ? [...fns.keys()].reverse() : [...fns.keys()];
    for (const k of order) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      fns[k]();
      wall[k].push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu[k].push((c.user + c.system) / 1000);
    }
  }
  return fns.map((_, k) => ({ wall: mid(wall[k]), cpu: mid(cpu[k]) }));
}

/** Deterministic pseudo-random numbers, so every run seeds the same data. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

const COUNTRIES = allCountryCodes()
  .filter((c) => c !== 'XK')
  .slice(0, 199)
  .concat('XK');
const CAMPS = ['al_hol', 'roj', 'other'] as const;

/** Raw prepared INSERTs in one transaction (bulkSeed): seeding speed only, the schema and migrations are the real ones. */
function seed(db: Db, n: number, countries = COUNTRIES.slice(0, 60)) {
  const rand = rng(n);
  const ins = db.sqlite
    .prepare(`INSERT INTO handovers (id, reference_no, status, version, revision, handover_date, receiving_country,
    delegation_head_name, handing_authority, handing_official_name, camp, camp_other, women_count, children_count, boys_count, girls_count,
    unaccompanied_count, men_count, created_at, created_by, updated_at, updated_by)
    VALUES (?, ?, ?, 1, 1, ?, ?, 'Head', 'Department of Foreign Relations', 'Official', ?, ?, ?, ?, ?, ?, ?, ?, '2024-01-01T00:00:00Z', 'bench', '2024-01-01T00:00:00Z', 'bench')`);
  const day0 = Date.UTC(2014, 0, 1);
  bulkSeed(db, () => {
    for (let i = 0; i < n; i++) {
      const r = rand();
      // Every country gets one finalized handover first; then skewed like reality: a few countries receive most persons.
      const status = i < countries.length || r < 0.8 ? 'finalized' : r < 0.95 ? 'draft' : 'void';
      const country = i < countries.length ? countries[i] : countries[Math.floor(countries.length * rand() ** 2)];
      const date = new Date(day0 + Math.floor(rand() * 4380) * 86_400_000).toISOString().slice(0, 10);
      const camp = CAMPS[Math.floor(rand() * 3)];
      const children = Math.floor(rand() * 60);
      const boys = Math.floor(children * rand() * 0.6);
      const girls = Math.floor((children - boys) * rand());
      const women = Math.floor(rand() * 25) + (children === 0 ? 1 : 0);
      ins.run(
        `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`,
        `B-${i}`,
        status,
        date,
        country,
        camp,
        camp === 'other' ? 'Ayn Issa' : '',
        women,
        children,
        boys,
        girls,
        Math.floor(children * rand() * 0.1),
        rand() < 0.05 ? Math.floor(rand() * 30) : 0,
      );
    }
  });
  // No ANALYZE: the app never runs it, so the planner here sees what it sees on an office machine.
}

/**
 * The statement the app ran before the summary table (issue 14), written by hand: one GROUP BY over the covering index
 * handovers_totals_idx. The baseline every figure is compared with.
 */
const tableSql = (
  f: TotalsFilter,
) => `SELECT receiving_country AS country, count(*) AS handovers, sum(women_count) AS women, sum(children_count) AS children,
  sum(boys_count) AS boys, sum(girls_count) AS girls, sum(unaccompanied_count) AS unaccompanied, sum(men_count) AS men,
  sum(women_count + children_count + men_count) AS persons, min(handover_date) AS first, max(handover_date) AS last
  FROM handovers WHERE status IN (${f.statuses.map(() => '?').join(', ')})${f.from ? ' AND handover_date >= ?' : ''}${f.to ? ' AND handover_date <= ?' : ''}${f.camps?.length ? ` AND camp IN (${f.camps.map(() => '?').join(', ')})` : ''}
  GROUP BY receiving_country ORDER BY persons DESC, receiving_country ASC`;
const tableArgs = (f: TotalsFilter) => [
  ...f.statuses,
  ...(f.from ? [f.from] : []),
  ...(f.to ? [f.to] : []),
  ...(f.camps ?? []),
];

/**
 * The app's statement before the held days (migration 0014; 0013's running sums were slower still), kept here as the
 * same-run "before": whole years and months from handover_year_totals and handover_month_totals, the edge days from
 * the covering index.
 */
function beforeSql(f: TotalsFilter): { sql: string; args: string[] } {
  const { years, months, days } = splitRange(f.from, f.to);
  const camps = f.camps ?? [];
  const where = (col: string) =>
    `status IN (${f.statuses.map(() => '?').join(', ')}) AND ${col} BETWEEN ? AND ?${camps.length ? ` AND camp IN (${camps.map(() => '?').join(', ')})` : ''}`;
  const summary = (table: string, col: string) =>
    `SELECT receiving_country AS k, handovers AS n, women AS w, children AS c, boys AS b, girls AS g, unaccompanied AS u, men AS m, first AS f, last AS l FROM ${table} WHERE ${where(col)}`;
  const edge = `SELECT receiving_country, count(*), sum(women_count), sum(children_count), sum(boys_count), sum(girls_count), sum(unaccompanied_count),
    sum(men_count), min(handover_date), max(handover_date) FROM handovers WHERE ${where('handover_date')} GROUP BY 1`;
  const parts = [
    summary('handover_year_totals', 'year'),
    ...months.map(() => summary('handover_month_totals', 'month')),
    edge,
    edge,
  ];
  return {
    sql: `SELECT k AS country, sum(n) AS handovers, sum(w) AS women, sum(c) AS children, sum(b) AS boys, sum(g) AS girls, sum(u) AS unaccompanied,
      sum(m) AS men, sum(w) + sum(c) + sum(m) AS persons, min(f) AS first, max(l) AS last
      FROM (${parts.join(' UNION ALL ')}) GROUP BY k ORDER BY persons DESC, k ASC`,
    args: [years, ...months, ...days].flatMap((r) => [...f.statuses, ...r, ...camps]),
  };
}

/** What someone without SQL aggregates would write: load every row, filter and add up in JavaScript. */
function naiveTotals(db: Db, f: TotalsFilter): CountryTotals[] {
  const rows = db.orm
    .select({
      status: handovers.status,
      date: handovers.handoverDate,
      country: handovers.receivingCountry,
      camp: handovers.camp,
      women: handovers.womenCount,
      children: handovers.childrenCount,
      boys: handovers.boysCount,
      girls: handovers.girlsCount,
      unaccompanied: handovers.unaccompaniedCount,
      men: handovers.menCount,
    })
    .from(handovers)
    .all();
  return addUpByCountry(
    rows.filter(
      (r) =>
        (f.statuses as string[]).includes(r.status) &&
        !(f.from && r.date < f.from) &&
        !(f.to && r.date > f.to) &&
        !(f.camps?.length && !f.camps.includes(r.camp)),
    ),
  );
}

const fmt = (ms: number) =>
  Number.isNaN(ms) ? '—'.padStart(8) : (ms < 10 ? ms.toFixed(2) : ms.toFixed(1)).padStart(8);
const ratio = (a: number, b: number) => (Number.isNaN(a) ? '—'.padStart(7) : `${(a / b).toFixed(2)}×`.padStart(7));

function queryBench(): boolean {
  let ok = true;
  const filters: [string, TotalsFilter][] = [
    ['all time', { statuses: ['finalized'] }],
    ['all time, drafts too', { statuses: ['finalized', 'draft'] }],
    ['one year', { statuses: ['finalized'], from: '2020-01-01', to: '2020-12-31' }],
    ['days 2016-03-17..2021-08-09', { statuses: ['finalized'], from: '2016-03-17', to: '2021-08-09' }],
    [
      'same, roj+other, drafts',
      { statuses: ['finalized', 'draft'], from: '2016-03-17', to: '2021-08-09', camps: ['roj', 'other'] },
    ],
    ['within one month (days)', { statuses: ['finalized'], from: '2019-05-04', to: '2019-05-27' }],
  ];
  console.log(
    'Totals query, median ms, wall and CPU; app = all-time summary, or for a range one summary row (its revision) and two',
  );
  console.log(
    'binary searches in the held days per status × country × camp; cold = the same on a fresh connection, which first loads',
  );
  console.log(
    'the days of the buckets asked (once per process, and for a bucket again after a write to it); before = the statement',
  );
  console.log(
    'the app ran before (year/month summaries + edge days from the index), same run; table = the GROUP BY over the handovers',
  );
  console.log(
    `table, hand-written (the baseline); naive = load every row. Target: app ≤ ${TARGET_MS} ms at 1,000,000.`,
  );
  console.log(
    `${'handovers'.padStart(10)}  ${'filter'.padEnd(28)} ${'app'.padStart(8)} ${'app cpu'.padStart(8)} ${'cold'.padStart(8)} ${'before'.padStart(8)} ${'bef cpu'.padStart(8)} ${'table'.padStart(8)} ${'tab cpu'.padStart(8)} ${'naive'.padStart(8)} ${'table/app'.padStart(9)} ${'rows read'.padStart(9)} ${'before'.padStart(7)}`,
  );
  for (const n of SIZES) {
    const file = join(work, `totals-${n}.db`);
    const db = openDatabase(file, { key: keys.dbKey });
    const t0 = performance.now();
    seed(db, n);
    const seedSecs = ((performance.now() - t0) / 1000).toFixed(1);
    const runs = n >= 1_000_000 ? 9 : n >= 100_000 ? 15 : 61;
    for (const [label, f] of filters) {
      const table = db.sqlite.prepare(tableSql(f));
      const args = tableArgs(f);
      const ranged = !!(f.from || f.to);
      const prev = beforeSql(f);
      const previous = db.sqlite.prepare(prev.sql);
      // The same answer three (four) ways, or the timing means nothing.
      const a = countryTotals(db.orm, f);
      const b = table.all(...args) as CountryTotals[];
      const big = n >= 1_000_000;
      const naiveToo = !big || label === 'all time';
      if (
        JSON.stringify(a) !== JSON.stringify(b) ||
        (ranged && JSON.stringify(a) !== JSON.stringify(previous.all(...prev.args))) ||
        (naiveToo && JSON.stringify(a) !== JSON.stringify(naiveTotals(db, f)))
      )
        throw new Error(`results differ at ${n} (${label})`);
      const [app, tableMs, before] = medians(
        [
          () => countryTotals(db.orm, f),
          () => table.all(...args),
          ...(ranged ? [() => previous.all(...prev.args)] : []),
        ],
        runs,
      );
      // The naive way loads every row whatever the filter: at a million rows, measured once (with the first filter).
      const naive = naiveToo ? medians([() => naiveTotals(db, f)], big ? 2 : 5, 1)[0].wall : NaN;
      if (big && app.wall > TARGET_MS) ok = false;
      const cold = ranged ? coldRange(file, f) : NaN;
      const none = { wall: NaN, cpu: NaN };
      const { wall: bw, cpu: bc } = before ?? none;
      console.log(
        `${String(n).padStart(10)}  ${label.padEnd(28)} ${fmt(app.wall)} ${fmt(app.cpu)} ${fmt(cold)} ${fmt(bw)} ${fmt(bc)} ${fmt(tableMs.wall)} ${fmt(tableMs.cpu)} ${fmt(naive)} ${ratio(tableMs.wall, app.wall).padStart(9)} ${String(rowsRead(db, f)).padStart(9)} ${(ranged ? String(beforeRowsRead(db, f)) : '').padStart(7)}${big && app.wall > TARGET_MS ? '  ABOVE TARGET' : ''}`,
      );
    }
    const count = (t: string) => (db.sqlite.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
    console.log(
      `${''.padStart(10)}  (seeded in ${seedSecs} s, ${a4(db)} countries; summary rows: ${count('handover_month_totals')} per month, ${count('handover_day_totals')} per day)`,
    );
    db.close();
  }
  return ok;
}

const bucketsOf = (db: Db, f: TotalsFilter) => {
  const statuses = f.statuses.map((s) => `'${s}'`).join(',');
  const camps = f.camps?.length ? ` AND camp IN (${f.camps.map((c) => `'${c}'`).join(',')})` : '';
  return (
    db.sqlite.prepare(`SELECT count(*) AS n FROM handover_all_totals WHERE status IN (${statuses})${camps}`).get() as {
      n: number;
    }
  ).n;
};

/** Rows the app's query reads once its days are held: a bucket's all-time row (with its revision). */
const rowsRead = (db: Db, f: TotalsFilter) => bucketsOf(db, f);

/** A range's first query on a fresh connection, which loads the held days of its buckets: one run, ms. */
function coldRange(file: string, f: TotalsFilter): number {
  const fresh = openDatabase(file, { key: keys.dbKey });
  const t0 = performance.now();
  countryTotals(fresh.orm, f);
  const ms = performance.now() - t0;
  fresh.close();
  return ms;
}

/** Rows the statement before the held days read: summary rows of the whole years and months plus the edge days' handovers from the index. */
function beforeRowsRead(db: Db, f: TotalsFilter): number {
  const { years, months, days } = splitRange(f.from, f.to);
  const statuses = f.statuses.map((s) => `'${s}'`).join(',');
  const camps = f.camps?.length ? ` AND camp IN (${f.camps.map((c) => `'${c}'`).join(',')})` : '';
  const q = (table: string, col: string, [a, b]: [string, string]) =>
    (
      db.sqlite
        .prepare(`SELECT count(*) AS n FROM ${table} WHERE status IN (${statuses}) AND ${col} BETWEEN ? AND ?${camps}`)
        .get(a, b) as { n: number }
    ).n;
  return (
    q('handover_year_totals', 'year', years) +
    months.reduce((t, r) => t + q('handover_month_totals', 'month', r), 0) +
    days.reduce((t, r) => t + q('handovers', 'handover_date', r), 0)
  );
}

const a4 = (db: Db) =>
  (db.sqlite.prepare('SELECT count(DISTINCT receiving_country) AS n FROM handovers').get() as { n: number }).n;

/** Seeded countries that world-atlas draws (small islands and Kosovo are listed under the map instead). */
function onMap(db: Db): number {
  const topo = world as unknown as Topology<{ countries: GeometryCollection }>;
  // The page leaves Antarctica (010) out of the projection.
  const drawn = new Set(
    topo.objects.countries.geometries.map((g) =>
      g.id === undefined || g.id === '010' ? '' : (isoCountries.numericToAlpha2(String(g.id)) ?? ''),
    ),
  );
  const seeded = (
    db.sqlite.prepare("SELECT DISTINCT receiving_country AS c FROM handovers WHERE status = 'finalized'").all() as {
      c: string;
    }[]
  ).map((r) => r.c);
  return seeded.filter((c) => drawn.has(c)).length;
}

function newestMtime(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return t;
}

function ensureBuild() {
  const index = join(root, 'dist/renderer/index.html');
  let built = 0;
  try {
    built = statSync(index).mtimeMs;
  } catch {
    // not built yet
  }
  if (built < newestMtime(join(root, 'renderer'))) {
    console.log('(building the renderer first: vite build)');
    execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error'], {
      cwd: root,
      stdio: 'inherit',
    });
  }
}

async function renderBench() {
  ensureBuild();
  const full = openDatabase(join(work, 'render-200.db'), { key: keys.dbKey });
  seed(full, 2000, COUNTRIES); // 200 countries, ~10 handovers each
  const empty = openDatabase(join(work, 'render-empty.db'), { key: keys.dbKey });
  const staticDir = join(root, 'dist/renderer');
  const ctxOf = (db: Db): AppContext => ({
    db,
    dbFile: db.sqlite.name,
    keys,
    dataDir: work,
    mode: 'web',
    now: () => new Date(),
  });
  const servers = [
    await startWebServer({ ctx: ctxOf(empty), staticDir }),
    await startWebServer({ ctx: ctxOf(full), staticDir }),
  ];
  const who = [await addAccount(ctxOf(empty), 'viewer', 'bench'), await addAccount(ctxOf(full), 'viewer', 'bench')];
  const browser = await launchChromium();
  try {
    const countries = (
      full.sqlite
        .prepare("SELECT count(DISTINCT receiving_country) AS n FROM handovers WHERE status = 'finalized'")
        .get() as { n: number }
    ).n;
    // In the page: change the hash to a filter never asked before (no cached answer), wait until everything is drawn.
    // Two moments per navigation: the first paint (figures and the top of the table on screen) and everything drawn.
    const open = async (url: string, account: Credentials) => {
      const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
      page.on('crash', () => console.error('page crashed'));
      page.on('pageerror', (e) => console.error('page error', e.message));
      await page.goto(url);
      await signIn(page, account);
      await page.evaluate("localStorage.setItem('tasleem.locale', 'ar')");
      await page.reload();
      await page.waitForSelector('[data-testid="language-switcher"]');
      return page;
    };
    const navigate = async (page: Page, i: number, firstPaint: string, laidOut: string[], ready: string) => {
      const ms = (await page.evaluate(`(async () => {
        location.hash = '#/settings';
        while (document.querySelector('.totals-page')) await new Promise((r) => setTimeout(r, 5));
        await new Promise((r) => setTimeout(r, 50));
        const t0 = performance.now();
        location.hash = '#/totals?to=2099-12-${String(1 + (i % 28)).padStart(2, '0')}&r=${i}';
        const firstPaint = () => { ${firstPaint} };
        const ready = () => { ${ready} };
        // Seen in the DOM: a mutation observer checks after every commit, in the task that committed, before the frame
        // that paints it (polling with timers could see it a frame late, after the page's deferred work).
        const seen = (check) => new Promise((resolve) => {
          if (check()) return resolve(true);
          const mo = new MutationObserver(() => check() && (mo.disconnect(), clearTimeout(timer), resolve(true)));
          const timer = setTimeout(() => (mo.disconnect(), resolve(false)), 20000);
          mo.observe(document.body, { childList: true, subtree: true });
        });
        // Painted: the next frame's callback, then a task posted from it, which runs once that frame's style, layout
        // and paint are done.
        const painted = () => new Promise((resolve) => requestAnimationFrame(() => {
          const ch = new MessageChannel();
          ch.port1.onmessage = () => resolve();
          ch.port2.postMessage(null);
        }));
        if (!(await seen(firstPaint))) return [-1, -1];
        await painted();
        const t1 = performance.now() - t0;
        // Laid out, not just present: each of these has a box.
        if (!${JSON.stringify(laidOut)}.every((q) => document.querySelector(q)?.getBoundingClientRect().height > 0)) return [-2, -2];
        if (!(await seen(ready))) return [-1, -1];
        await painted();
        return [t1, performance.now() - t0];
      })()`)) as [number, number];
      if (ms[0] === -2) throw new Error(`the first paint's content had no box (${page.url()})`);
      if (ms[0] < 0) throw new Error(`the totals page was not ready after 20 s (${page.url()})`);
      return ms;
    };
    const emptyReady = "return !!document.querySelector('[data-testid=totals-empty]');";
    const fullFirst =
      "return !!document.querySelector('[data-testid=total-persons]') && document.querySelectorAll('[data-testid^=totals-row-]').length > 0;";
    const fullReady = `return document.querySelectorAll('[data-testid^=totals-row-]').length === ${countries}
        && document.querySelectorAll('[data-testid=chart-timeline] .recharts-bar-rectangle').length > 0
        && document.querySelectorAll('[data-testid=chart-persons] .recharts-bar-rectangle').length > 0
        && document.querySelectorAll('[data-testid^=map-country-]').length === ${onMap(full)};`;
    const emptyPage = await open(servers[0].url, who[0]);
    const fullPage = await open(servers[1].url, who[1]);
    const runs = 9;
    const base: number[] = [];
    const first: number[] = [];
    const all: number[] = [];
    // The two pages take turns (in alternating order), so a busy moment of the shared machine hits both alike.
    for (let i = 0; i < runs + 2; i++) {
      const both = [
        async () => {
          const [ms] = await navigate(emptyPage, i, emptyReady, ['[data-testid=totals-empty]'], emptyReady);
          if (i >= 2) base.push(ms);
        },
        async () => {
          const [a, b] = await navigate(
            fullPage,
            i,
            fullFirst,
            ['[data-testid=total-persons]', '[data-testid^=totals-row-]'],
            fullReady,
          );
          if (i >= 2) {
            first.push(a);
            all.push(b);
          }
        },
      ];
      for (const run of i % 2 ? both.reverse() : both) await run();
    }
    const [base200, first200, page200] = [mid(base), mid(first), mid(all)];
    console.log(
      `\nTotals page in Chromium (browser mode, Arabic, 1366×900), median of ${runs}, ms from navigation (load average ${loadavg()[0].toFixed(1)})`,
    );
    console.log(`  empty totals page drawn (baseline)                          ${fmt(base200)}`);
    console.log(
      `  ${countries} countries, ${2000} handovers: first paint (figures, table top) ${fmt(first200)}   ${ratio(first200, base200)} the baseline (target ≤ 2×)`,
    );
    console.log(
      `  ${countries} countries: everything drawn (whole table, charts, map)    ${fmt(page200)}   ${ratio(page200, base200)} the baseline`,
    );
  } finally {
    await browser.close();
    for (const s of servers) await s.close();
    full.close();
    empty.close();
  }
}

try {
  const t0 = performance.now();
  const ok = queryBench();
  await renderBench();
  console.log(
    `\napp ≤ ${TARGET_MS} ms at 1,000,000 for every filter: ${ok ? 'yes' : 'NO'} (${((performance.now() - t0) / 1000).toFixed(0)} s)`,
  );
  process.exitCode = ok ? 0 : 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
