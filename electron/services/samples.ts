import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppContext, Caller } from './context';
import { resourcesDir } from './documents/typst';
import { voidHandover } from './lifecycle';
import { importFile } from './import/service';

/**
 * Sample data that is true (issue 10): resources/samples/ holds handovers on the public record, each with its source,
 * written as an office would (Arabic country names, gaps, a month-only date). They come in through the ordinary import,
 * under this file name, which marks them as samples wherever they are shown. Records are never deleted (no-delete
 * trigger, audit chain), so "remove the samples" voids them with a reason: never counted again, kept for the audit.
 */
export const SAMPLE_FILE = 'public-record-handovers.csv';
const REMOVED_REASON = 'Sample data removed before real use';

const activeSamples = (ctx: AppContext) =>
  ctx.db.sqlite
    .prepare("SELECT id, revision FROM handovers WHERE source = 'import' AND source_file = ? AND status != 'void'")
    .all(SAMPLE_FILE) as { id: string; revision: number }[];

export const sampleStatus = (ctx: AppContext) => ({ active: activeSamples(ctx).length });

export async function loadSamples(ctx: AppContext, caller: Caller): Promise<{ loaded: number }> {
  const data = readFileSync(join(resourcesDir(ctx), 'samples', SAMPLE_FILE));
  const report = await importFile(ctx, caller, { name: SAMPLE_FILE, data });
  return { loaded: report.counts.new };
}

/** Voids every sample still counted, each audited as a void with the same reason; real records are not touched. */
export function removeSamples(ctx: AppContext, caller: Caller): { removed: number } {
  const samples = activeSamples(ctx);
  for (const s of samples) voidHandover(ctx, caller, s.id, s.revision, REMOVED_REASON);
  return { removed: samples.length };
}
