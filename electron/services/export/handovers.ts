import { createHash, randomUUID } from 'node:crypto';
import { writeAudit } from '../../../db/queries/audit';
import { exportRows } from '../../../db/queries/import';
import type { HandoverFilter } from '../../api/domain/handover';
import type { HandoverRow } from '../../../db/queries/handovers';
import type { ProducedFile } from '../files/store';
import type { AppContext, Caller } from '../context';
import { emit } from '../events';
import { writeSheet, type Cell, type Sheet } from '../export-sheets';
import { FIELD_OF_COLUMN, IMPORT_COLUMNS } from '../../api/schemas/handover';

/**
 * camp_of_origin holds al_hol / roj, or the free text of "other": what import reads back into camp + campOther; an
 * unrecorded camp is an empty cell, like every unrecorded field (a sheet's empty cell is what reads back as "not
 * recorded"). A date known to the month or year is written so ("2021-03", "2019"), never as the day it is stored as.
 */
function cell(h: HandoverRow, col: (typeof IMPORT_COLUMNS)[number]): Cell {
  if (col === 'camp_of_origin') return h.camp === 'other' ? h.campOther : h.camp;
  if (col === 'handover_date') return h.handoverDate.slice(0, PRECISION_LENGTH[h.datePrecision ?? 'day']);
  return h[FIELD_OF_COLUMN[col]] as Cell;
}
const PRECISION_LENGTH = { day: 10, month: 7, year: 4 } as const;

/** The canonical columns (and the handing side's), one row per handover: the format import reads, so export → import reproduces the records. */
export function handoversSheet(rows: HandoverRow[]): Sheet {
  return {
    name: 'handovers',
    columns: IMPORT_COLUMNS.map((c) => ({ header: c, width: c.endsWith('_count') ? 10 : c === 'notes' ? 40 : 20 })),
    rows: rows.map((h) => IMPORT_COLUMNS.map((c) => cell(h, c))),
  };
}

/** Records leave the app: audited with who, which filter, how many and the file's SHA-256. */
export async function exportHandovers(
  ctx: AppContext,
  caller: Caller,
  filter: HandoverFilter,
  format: 'csv' | 'xlsx',
): Promise<ProducedFile> {
  const exportId = randomUUID();
  const tell = (phase: 'reading' | 'writing', state: 'running' | 'done', done: number, total: number) =>
    emit(ctx, 'export.progress', { exportId, kind: 'handovers', phase, state, done, total });
  tell('reading', 'running', 0, 0);
  const rows = exportRows(ctx.db.orm, filter);
  tell('writing', 'running', 0, rows.length);
  const file = await writeSheet(handoversSheet(rows), format, `handovers-${ctx.now().toISOString().slice(0, 10)}`);
  const sha256 = createHash('sha256').update(file.data).digest('hex');
  writeAudit(
    ctx.db.orm,
    {
      actor: caller.actor,
      action: 'export.file',
      entity: 'export',
      entityId: sha256,
      details: { fileName: file.fileName, format, filter, records: rows.length, sha256 },
    },
    ctx.now().toISOString(),
  );
  tell('writing', 'done', rows.length, rows.length);
  return { fileName: file.fileName, mime: file.mime, bytes: file.data };
}
