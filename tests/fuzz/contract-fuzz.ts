import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHANNELS, type Channel } from '../../electron/api/contract';
import { dispatch } from '../../electron/handlers/dispatch';
import { ERROR_CODES, type ApiError } from '../../electron/api/result';
import { ROLES as ACCOUNT_ROLES } from '../../electron/api/schemas/account';
import type { Caller } from '../../electron/services/context';
import { addOffice, initOffice } from '../../electron/services/exchange/office';
import { kyrgyzHandover, testApp, type TestApp } from '../support/context';
import { tinyPng } from '../support/files';
import { sampleFiles, samples, type Seeded } from './samples';
import { FILE_EXTENSIONS, type FileKind } from '../../electron/api/domain/limits';
import { filesOf } from '../../electron/services/files/store';

/** Every role a caller can have, and nobody signed in: the fuzzing runs each payload as each of them. */
export const ROLES: Caller['role'][] = [...ACCOUNT_ROLES, null];
/** Refusals that are audited by design (a failed sign-in): the audit log and the account's failure count may change. */
const AUDITED = ['audit_log', 'sqlite_sequence', 'accounts'];
const AUDITED_REFUSALS: Partial<Record<Channel, string[]>> = { 'auth:signIn': AUDITED, 'auth:changePassword': AUDITED };

const HOSTILE: unknown[] = [
  '',
  ' ',
  'x'.repeat(100_000),
  'scan\u202Egnp.exe',
  '../../etc/passwd',
  '%E0%A4%A',
  "'; DROP TABLE handovers; --",
  '<script>alert(1)</script>',
  '\0',
  'NaN',
  '1e309',
  '__proto__',
  '٣',
  '2023-02-30',
  '9999-99-99',
  'ZZ',
  'HO-2023-0001',
  '01890000-0000-7000-8000-000000000001',
  -1,
  0,
  -0,
  1.5,
  2 ** 31,
  2 ** 53 + 2,
  -(2 ** 63),
  1e308,
  true,
  false,
  null,
  [],
  {},
  [[[[[]]]]],
  JSON.parse('{"__proto__":{"polluted":1}}'),
];
const leaf = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.jsonValue({ maxDepth: 2 }),
);

type Path = (string | number)[];
function pathsOf(v: unknown, prefix: Path = []): Path[] {
  const out: Path[] = [prefix];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...pathsOf(x, [...prefix, i])));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...pathsOf(x, [...prefix, k]));
  return out;
}

interface Mutation {
  path: Path;
  op: 'replace' | 'delete' | 'add';
  key: string;
  value: unknown;
}

function mutate(sample: unknown, mutations: Mutation[]): unknown {
  let root = structuredClone(sample);
  for (const m of mutations) {
    if (m.path.length === 0 && m.op === 'replace') {
      root = m.value;
      continue;
    }
    const parentPath = m.op === 'add' ? m.path : m.path.slice(0, -1);
    let parent: unknown = root;
    for (const p of parentPath)
      parent = parent && typeof parent === 'object' ? (parent as Record<string | number, unknown>)[p] : undefined;
    if (!parent || typeof parent !== 'object') continue;
    const at = parent as Record<string | number, unknown>;
    if (m.op === 'add') {
      if (Array.isArray(at)) at.push(m.value);
      else Object.defineProperty(at, m.key, { value: m.value, enumerable: true, configurable: true, writable: true });
    } else if (m.op === 'delete') {
      const last = m.path[m.path.length - 1];
      if (Array.isArray(at) && typeof last === 'number') at.splice(last, 1);
      else delete at[last];
    } else at[m.path[m.path.length - 1]] = m.value;
  }
  return root;
}

/** A payload for a channel: its sample with 1–3 hostile mutations (mostly), or random JSON, or anything at all. */
function payloads(sample: unknown): fc.Arbitrary<unknown> {
  const paths = pathsOf(sample);
  const mutation = fc.record({
    path: fc.constantFrom(...paths),
    op: fc.constantFrom<Mutation['op']>('replace', 'delete', 'add'),
    key: fc.constantFrom('__proto__', 'constructor', 'extra', 'id', 'role', 'status', 'revision'),
    value: leaf,
  });
  return fc.oneof(
    { weight: 6, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 3 }).map((ms) => mutate(sample, ms)) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
    { weight: 1, arbitrary: fc.anything({ maxDepth: 3 }) },
  );
}

function flatKeys(tree: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    v && typeof v === 'object' ? flatKeys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}
/** The keys every catalog has (ar, en, ku), with plural forms folded. */
function translatedKeys(): Set<string> {
  const root = join(import.meta.dirname, '../../renderer/src/i18n/locales');
  const per = ['ar', 'en', 'ku'].map(
    (lng) =>
      new Set(
        readdirSync(join(root, lng))
          .flatMap((f) => flatKeys(JSON.parse(readFileSync(join(root, lng, f), 'utf8'))))
          .map((k) => k.replace(/_(zero|one|two|few|many|other)$/, '')),
      ),
  );
  return new Set([...per[0]].filter((k) => per[1].has(k) && per[2].has(k)));
}

/** Every row of every table, hashed per table: "nothing changed" means exactly this. */
function fingerprint(app: TestApp): Map<string, string> {
  const out = new Map<string, string>();
  const tables = app.ctx.db.sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .all() as { name: string }[];
  for (const { name } of tables) {
    const h = createHash('sha256');
    for (const row of app.ctx.db.sqlite.prepare(`SELECT * FROM "${name}"`).raw().all()) {
      for (const v of row as unknown[]) h.update(Buffer.isBuffer(v) ? v : `${typeof v}:${String(v)}|`);
    }
    out.set(name, h.digest('hex'));
  }
  return out;
}
const changedTables = (a: Map<string, string>, b: Map<string, string>) =>
  [...new Set([...a.keys(), ...b.keys()])].filter((t) => a.get(t) !== b.get(t));

async function seed(app: TestApp, caller: Caller): Promise<Omit<Seeded, 'files'>> {
  const must = async (channel: Channel, input: unknown) => {
    const r = await dispatch(app.ctx, caller, channel, input);
    if (!r.ok) throw new Error(`seeding ${channel}: ${JSON.stringify(r.error)}`);
    return r.value as { id: string; revision: number };
  };
  const account = await must('auth:setup', {
    username: 'admin',
    displayName: 'Administrator',
    password: 'correct horse battery staple',
  });
  const draft = await must('handovers:create', { data: kyrgyzHandover({ referenceNo: 'HO-DRAFT-1' }) });
  const fin = await must('handovers:create', { data: kyrgyzHandover({ referenceNo: 'HO-FINAL-1' }) });
  const chosen = (bytes: Buffer, kind: FileKind, name: string) =>
    filesOf(app.ctx).admitBytes(bytes, kind, caller.actor, name).fileId;
  const attachment = await must('attachments:add', {
    handoverId: fin.id,
    fileId: chosen(tinyPng(), 'attachment', 'protocol.png'),
  });
  const current = await must('handovers:get', { id: fin.id });
  await must('handovers:finalize', { id: fin.id, expectedRevision: current.revision });
  const signature = await must('report:sign', {
    handoverId: draft.id,
    role: 'witness',
    signerName: 'Witness',
    fileId: chosen(tinyPng(), 'signaturePng', 'signature.png'),
  });
  const other = testApp();
  try {
    initOffice(app.ctx, caller, 'Qamishli');
    const card = addOffice(app.ctx, caller, initOffice(other.ctx, other.caller, 'Hasakah'));
    return {
      draftId: draft.id,
      finalizedId: fin.id,
      attachmentId: attachment.id,
      signatureId: signature.id,
      officeId: card.id,
      conflictId: '01890000-0000-7000-8000-0000000000cc',
      accountId: account.id,
    };
  } finally {
    other.close();
  }
}

export interface FuzzFigures {
  payloads: number;
  accepted: number;
  refused: number;
  byCode: Record<string, number>;
  channels: number;
  roles: number;
  problems: string[];
  seconds: number;
}

/**
 * Sends `runs` payloads per channel and role through dispatch, on a real database seeded with records. Each call must
 * resolve (never throw); a refusal must carry a known, translated code (never INTERNAL), its message and echoed values
 * cut short, its issue and reason keys translated, and leave every table exactly as it was.
 */
export async function runContractFuzz(opts: {
  runs: number;
  seed?: number;
  log?: (l: string) => void;
}): Promise<FuzzFigures> {
  const app = testApp();
  const started = performance.now();
  const figures: FuzzFigures = {
    payloads: 0,
    accepted: 0,
    refused: 0,
    byCode: {},
    channels: CHANNELS.length,
    roles: ROLES.length,
    problems: [],
    seconds: 0,
  };
  const translated = translatedKeys();
  const problem = (channel: string, role: string | null, payload: unknown, what: string) => {
    if (figures.problems.length < 50)
      figures.problems.push(
        `${channel} as ${role ?? 'nobody'}: ${what} — payload ${JSON.stringify(payload)?.slice(0, 300)}`,
      );
  };
  try {
    const seeded = await seed(app, { actor: 'seed', role: 'administrator', accountId: null });
    let before = fingerprint(app);
    for (const role of ROLES) {
      const caller: Caller = { actor: `fuzz-${role ?? 'anonymous'}`, role, accountId: null };
      const files = Object.entries(sampleFiles(seeded.officeId)).map(([kind, bytes]) => [
        kind,
        filesOf(app.ctx).admitBytes(
          bytes,
          kind as FileKind,
          caller.actor,
          `sample.${FILE_EXTENSIONS[kind as FileKind][0]}`,
        ).fileId,
      ]);
      const all = samples({ ...seeded, files: Object.fromEntries(files) as Seeded['files'] });
      for (const channel of CHANNELS) {
        await fc.assert(
          fc.asyncProperty(payloads(all[channel]), async (payload) => {
            figures.payloads++;
            let r;
            try {
              r = await dispatch(app.ctx, caller, channel, payload);
            } catch (err) {
              problem(channel, role, payload, `dispatch threw ${String(err)}`);
              return;
            }
            const after = fingerprint(app);
            if (r.ok) figures.accepted++;
            else {
              figures.refused++;
              const e: ApiError = r.error;
              figures.byCode[e.code] = (figures.byCode[e.code] ?? 0) + 1;
              if (!(ERROR_CODES as readonly string[]).includes(e.code) || !translated.has(`errors.${e.code}`))
                problem(channel, role, payload, `untranslated code ${e.code}`);
              if (e.code === 'INTERNAL') problem(channel, role, payload, `INTERNAL: ${e.message}`);
              if (!e.message || e.message.length > 401)
                problem(channel, role, payload, `message of ${e.message?.length} characters`);
              if (JSON.stringify(e).length > 200_000) problem(channel, role, payload, 'refusal echoes too much');
              for (const i of e.details?.issues ?? [])
                if (!translated.has(`validation.${i.key}`))
                  problem(channel, role, payload, `untranslated issue key ${i.key}`);
              const reason = e.details?.reason;
              if (typeof reason === 'string' && !translated.has(reason))
                problem(channel, role, payload, `untranslated reason ${reason}`);
              const changed = changedTables(before, after).filter((t) => !AUDITED_REFUSALS[channel]?.includes(t));
              if (changed.length)
                problem(channel, role, payload, `refused with ${e.code} but ${changed.join(', ')} changed`);
            }
            before = after;
          }),
          { numRuns: opts.runs, seed: opts.seed, endOnFailure: true },
        );
      }
      opts.log?.(`${role}: ${figures.payloads} payloads so far`);
    }
    const integrity = (app.ctx.db.sqlite.pragma('integrity_check') as { integrity_check: string }[])[0].integrity_check;
    if (integrity !== 'ok') figures.problems.push(`integrity_check: ${integrity}`);
  } finally {
    app.close();
  }
  figures.seconds = (performance.now() - started) / 1000;
  return figures;
}
