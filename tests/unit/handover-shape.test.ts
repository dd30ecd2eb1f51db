import { getTableColumns } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { importTuple } from '../../db/queries/import';
import { HANDOVER_RECORD_COLUMNS, handovers } from '../../db/schema';
import {
  blankFields,
  CONTENT_FIELDS,
  FIELD_OF_COLUMN,
  handover,
  handoverFields,
  IMPORT_COLUMNS,
  pickContent,
  RECORD_COLUMNS,
} from '../../electron/api/schemas/handover';
import { contentFields } from '../../electron/services/content';
import { LOCAL_COLUMNS, recordOf } from '../../electron/services/exchange/merge';
import { handoversSheet } from '../../electron/services/export/handovers';
import { createHandover, getHandover } from '../../electron/services/handovers';
import { kyrgyzHandover, testApp } from '../support/context';

/**
 * The handover is declared once, by its table. Nothing here lists the columns by hand: every column must be content
 * (and then reach every derived shape) or one of the short, named lists of the record's own columns.
 */
const columns = getTableColumns(handovers);
const ALL = Object.keys(columns);
/**
 * Content that a sheet cell cannot hold as its own column: JSON lists, the free text of "other" (in camp_of_origin)
 * and a date's precision (in how handover_date is written).
 */
const NOT_IN_SHEETS = ALL.filter((k) => columns[k as keyof typeof columns].dataType === 'json').concat(
  'campOther',
  'datePrecision',
);

describe('the handover, declared once by its table', () => {
  const app = testApp();
  afterAll(() => app.close());

  it('puts every column either in the content or in the short list of the record’s own columns, never both', () => {
    expect(RECORD_COLUMNS).toBe(HANDOVER_RECORD_COLUMNS);
    expect(RECORD_COLUMNS.length).toBeLessThanOrEqual(13);
    expect([...CONTENT_FIELDS, ...RECORD_COLUMNS].sort()).toEqual([...ALL].sort());
    expect(CONTENT_FIELDS.filter((k) => (RECORD_COLUMNS as readonly string[]).includes(k))).toEqual([]);
  });

  it('types, defaults and returns every content field', () => {
    expect(Object.keys(blankFields()).sort()).toEqual([...CONTENT_FIELDS].sort());
    const parsed = handoverFields.parse(kyrgyzHandover());
    expect(Object.keys(parsed).sort()).toEqual([...CONTENT_FIELDS].sort());
    expect(Object.keys(handover.shape).sort()).toEqual([...ALL].sort());
  });

  it('freezes, exports and exchanges every content field', () => {
    const h = createHandover(app.ctx, app.caller, handoverFields.parse(kyrgyzHandover()));
    const row = getHandover(app.ctx, h.id);
    // An empty optional field is left out of the content, so older versions keep their hash.
    expect(Object.keys(contentFields(row)).sort()).toEqual(CONTENT_FIELDS.filter((k) => row[k] !== null).sort());
    expect(Object.keys(pickContent(row)).sort()).toEqual([...CONTENT_FIELDS].sort());
    const record = recordOf(app.ctx, row);
    expect(Object.keys(record.handover).sort()).toEqual(
      ALL.filter((k) => !(LOCAL_COLUMNS as readonly string[]).includes(k)).sort(),
    );
    const sheetFields = new Set(Object.values(FIELD_OF_COLUMN));
    expect(CONTENT_FIELDS.filter((k) => !sheetFields.has(k as never) && !NOT_IN_SHEETS.includes(k))).toEqual([]);
    expect(handoversSheet([row]).columns.map((c) => c.header)).toEqual([...IMPORT_COLUMNS]);
  });

  it('writes every column when importing a row, in the table’s order', () => {
    const fields = handoverFields.parse(kyrgyzHandover());
    const tuple = importTuple(
      'id-1',
      fields,
      { sourceRef: 'sha', fileName: 'history.csv', at: '2024-01-01T00:00:00Z', actor: 'a' },
      'finalized',
      null,
      null,
      7,
    );
    expect(tuple.handover).toHaveLength(ALL.length);
    ALL.forEach((k, i) => {
      if (k in fields) {
        const v = fields[k as keyof typeof fields];
        expect(tuple.handover[i], k).toEqual(v !== null && typeof v === 'object' ? JSON.stringify(v) : v);
      }
    });
  });
});
