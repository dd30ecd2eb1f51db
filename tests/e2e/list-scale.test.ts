import { beforeAll, describe, expect, it } from 'vitest';
import { normalizeForSearch } from '../../db/search-text';
import { useBrowserSession } from '../support/browser-session';
import { screenshot } from '../support/ui';

const session = useBrowserSession();
const N = 100_000;

beforeAll(() => {
  const db = session.app.ctx.db.sqlite;
  const ins =
    db.prepare(`INSERT INTO handovers (id, reference_no, status, handover_date, receiving_country, delegation_head_name, handing_authority,
    handing_official_name, camp, women_count, children_count, created_at, created_by, updated_at, updated_by)
    VALUES (?, ?, 'finalized', ?, ?, ?, 'DFR', 'Official', 'roj', 1, 2, 't', 'seed', 't', 'seed')`);
  const fts = db.prepare('INSERT INTO handover_search (handover_id, body) VALUES (?, ?)');
  const ftsRow = db.prepare(
    'INSERT INTO handover_search_rows (handover_id, search_rowid) VALUES (?, last_insert_rowid())',
  );
  db.transaction(() => {
    for (let i = 0; i < N; i++) {
      const id = `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`;
      const ref = `HO-S-${String(i).padStart(6, '0')}`;
      ins.run(
        id,
        ref,
        `20${String(14 + (i % 10)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}`,
        i % 2 ? 'KG' : 'FR',
        `Head ${i}`,
      );
      fts.run(id, normalizeForSearch(`${ref} Head ${i}`));
      ftsRow.run(id);
    }
  })();
});

describe('the list with 100,000 handovers', () => {
  it('keeps only the visible rows in the page and reaches the last one by scrolling', async () => {
    const page = await session.open('English');
    await page.goto(session.url('/handovers?sort=referenceNo&dir=asc'));
    const table = page.getByTestId('handover-table');
    await table.getByText('HO-S-000000').waitFor();
    expect(await page.getByTestId('list-count').innerText()).toContain('100,000 handovers');
    const rowsInDom = await table.getByRole('row').count();
    expect(rowsInDom).toBeLessThan(80);
    await page.locator('.ho-scroll').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await table.getByText('HO-S-099999').waitFor();
    expect(await table.getByRole('row').count()).toBeLessThan(80);
    await page.locator('.ho-scroll').evaluate((el) => el.scrollTo({ top: el.scrollHeight / 2 }));
    await table
      .getByText(/HO-S-0(49|50)\d{3}/)
      .first()
      .waitFor();
    await screenshot(page, 'list-100k-en');
    await page.close();
  });

  it('raised no page errors', () => {
    expect(session.errors).toEqual([]);
  });
});
