import type { ListResult } from '../api/schemas/handover';

export function formatList(result: ListResult): string {
  const lines = result.rows.map((r) =>
    [r.referenceNo.padEnd(16), r.handoverDate, r.receivingCountry, r.status.padEnd(9), `W${r.womenCount} C${r.childrenCount} M${r.menCount}`, r.delegationHeadName].join('  '),
  );
  lines.push(`${result.total} handover(s); women ${result.sums.women}, children ${result.sums.children}, men ${result.sums.men}, persons ${result.sums.persons}`);
  return lines.join('\n') + '\n';
}
