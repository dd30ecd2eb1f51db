import type { Camp } from '../../electron/api/domain/handover';
import type { CountryTotals } from '../../electron/api/domain/totals';
import { handoverFields, type HandoverFields } from '../../electron/api/schemas/handover';
import { kyrgyzHandover } from './context';

export type CountedHandover = Pick<
  CountryTotals,
  'country' | 'women' | 'children' | 'boys' | 'girls' | 'unaccompanied' | 'men'
> & { date: string };

/** Per-country totals added up in plain JavaScript: the yardstick the SQL aggregate is checked and timed against. */
export function addUpByCountry(rows: Iterable<CountedHandover>): CountryTotals[] {
  const by = new Map<string, CountryTotals>();
  for (const r of rows) {
    const t = by.get(r.country) ?? {
      country: r.country,
      handovers: 0,
      women: 0,
      children: 0,
      boys: 0,
      girls: 0,
      unaccompanied: 0,
      men: 0,
      persons: 0,
      first: r.date,
      last: r.date,
    };
    t.handovers += 1;
    t.women += r.women;
    t.children += r.children;
    t.boys += r.boys;
    t.girls += r.girls;
    t.unaccompanied += r.unaccompanied;
    t.men += r.men;
    t.persons += r.women + r.children + r.men;
    if (r.date < t.first) t.first = r.date;
    if (r.date > t.last) t.last = r.date;
    by.set(r.country, t);
  }
  return [...by.values()].sort((a, b) => b.persons - a.persons || (a.country < b.country ? -1 : 1));
}

/** A valid record holding these figures, for the property tests that play histories through the services. */
export const countedFields = (c: CountedHandover & { camp: Camp }, referenceNo: string): HandoverFields =>
  handoverFields.parse(
    kyrgyzHandover({
      referenceNo,
      receivingCountry: c.country,
      handoverDate: c.date,
      camp: c.camp,
      campOther: c.camp === 'other' ? 'Ayn Issa' : '',
      womenCount: c.women,
      childrenCount: c.children,
      boysCount: c.boys,
      girlsCount: c.girls,
      unaccompaniedCount: c.unaccompanied,
      menCount: c.men,
    }),
  );
