// The crash harness's writer (tests/crash/harness.ts starts it, then kills it with SIGKILL). It records handovers
// through the same dispatch every transport uses, and reports each commit on stdout only once the call has returned,
// with a synchronous write: whatever the parent read as acknowledged was committed first.
import { writeSync } from 'node:fs';
import { dispatch } from '../../electron/handlers/dispatch';
import { createAppContext } from '../../electron/services/app-context';
import { localCaller } from '../../electron/services/context';
import { filesOf } from '../../electron/services/files/store';
import { kyrgyzHandover } from '../support/context';
import { tinyPng } from '../support/files';
import { testUnlock } from '../support/keys';

const [dataDir, migrationsFolder] = process.argv.slice(2);
const ack = (line: string) => writeSync(1, `${line}\n`);
const ctx = createAppContext({ dataDir, mode: 'cli', migrationsFolder, unlock: testUnlock() });
const caller = localCaller('crash-writer');
const png = tinyPng();

async function must(channel: string, input: unknown): Promise<{ id: string; revision: number }> {
  const r = await dispatch(ctx, caller, channel, input);
  if (!r.ok) {
    ack(`error ${channel} ${r.error.code} ${r.error.message}`);
    process.exit(2);
  }
  return r.value as { id: string; revision: number };
}

async function writeForever(): Promise<never> {
  for (let i = 0; ; i++) {
    const h = await must('handovers:create', {
      data: kyrgyzHandover({ referenceNo: `CR-${process.pid}-${i}`, notes: `crash ${i} ${'ملاحظة '.repeat(i % 50)}` }),
    });
    ack(`created ${h.id}`);
    if (i % 4 === 1) {
      const fileId = filesOf(ctx).admitBytes(png, 'attachment', caller.actor, `scan-${i}.png`).fileId;
      await must('attachments:add', { handoverId: h.id, fileId });
      ack(`attached ${h.id}`);
    }
    if (i % 3 === 2) {
      const current = await must('handovers:get', { id: h.id });
      await must('handovers:finalize', { id: h.id, expectedRevision: current.revision });
      ack(`finalized ${h.id}`);
    }
  }
}

ack('ready');
void writeForever();
