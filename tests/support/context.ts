import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dispatch } from '../../electron/handlers/dispatch';
import type { Channel, InputOf, OutputOf } from '../../electron/api/contract';
import type { Result } from '../../electron/api/result';
import type { HandoverFieldsInput } from '../../electron/api/schemas/handover';
import { createAppContext } from '../../electron/services/app-context';
import { testUnlock } from './keys';
import { FILE_EXTENSIONS, type FileKind } from '../../electron/api/domain/limits';
import { filesOf } from '../../electron/services/files/store';
import { localCaller, type AppContext, type Caller } from '../../electron/services/context';

export interface TestApp {
  ctx: AppContext;
  dir: string;
  caller: Caller;
  /** The same path every transport takes: validation, handler, output check. */
  call<C extends Channel>(channel: C, input: InputOf<C>): Promise<Result<OutputOf<C>>>;
  /** Like call, but throws on a failed result: for setting up a test. */
  must<C extends Channel>(channel: C, input: InputOf<C>): Promise<OutputOf<C>>;
  /** Admits bytes as a file this caller chose for one kind (as a picker, an upload or the CLI would): its id. */
  choose(bytes: Buffer | string, kind: FileKind, fileName?: string): string;
  close(): void;
}

/** A real SQLite file with the real migrations in a fresh temp folder. */
export function testApp(): TestApp {
  const dir = mkdtempSync(join(tmpdir(), 'tasleem-test-'));
  const ctx = createAppContext({ dataDir: dir, mode: 'cli', unlock: testUnlock() });
  const caller = localCaller('tester');
  const call = async <C extends Channel>(channel: C, input: InputOf<C>) =>
    (await dispatch(ctx, caller, channel, input)) as Result<OutputOf<C>>;
  return {
    ctx,
    dir,
    caller,
    call,
    async must(channel, input) {
      const r = await call(channel, input);
      if (!r.ok) throw new Error(`${channel} failed: ${JSON.stringify(r.error)}`);
      return r.value;
    },
    choose: (bytes, kind, fileName = `chosen.${FILE_EXTENSIONS[kind][0]}`) =>
      filesOf(ctx).admitBytes(Buffer.from(bytes), kind, caller.actor, fileName).fileId,
    close() {
      ctx.keys.flushAuditHead();
      ctx.db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The Kyrgyz handover of February 2023, as reported: a valid record to start from. */
export function kyrgyzHandover(overrides: Partial<HandoverFieldsInput> = {}): HandoverFieldsInput {
  return {
    referenceNo: 'HO-2023-0001',
    handoverDate: '2023-02-16',
    receivingCountry: 'KG',
    delegationHeadName: 'Arslan Tokobaev',
    delegationHeadTitle: 'Head of delegation',
    delegationBody: 'Ministry of Foreign Affairs of the Kyrgyz Republic',
    handingAuthority: 'Department of Foreign Relations, Qamishli',
    handingOfficialName: 'سامر حسن',
    location: 'Qamishli',
    camp: 'al_hol',
    womenCount: 18,
    childrenCount: 41,
    boysCount: 20,
    girlsCount: 21,
    unaccompaniedCount: 0,
    menCount: 0,
    ...overrides,
  };
}

/** The French handover of 24 January 2023. */
export function frenchHandover(overrides: Partial<HandoverFieldsInput> = {}): HandoverFieldsInput {
  return {
    referenceNo: 'HO-2023-0002',
    handoverDate: '2023-01-24',
    receivingCountry: 'FR',
    delegationHeadName: 'Stéphane Romatet',
    delegationHeadTitle: 'Director of the Crisis and Support Centre',
    delegationBody: 'Ministère de l’Europe et des Affaires étrangères',
    handingAuthority: 'Department of Foreign Relations, Qamishli',
    handingOfficialName: 'ليلى محمد',
    location: 'Qamishli',
    camp: 'roj',
    womenCount: 15,
    childrenCount: 32,
    menCount: 0,
    ...overrides,
  };
}
