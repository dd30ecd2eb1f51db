import type { ListResult, ListSummary } from '../api/schemas/handover';

export function formatList(result: ListResult, sums: ListSummary): string {
  const lines = result.rows.map((r) =>
    [
      r.referenceNo.padEnd(16),
      r.handoverDate,
      r.receivingCountry,
      r.status.padEnd(9),
      `W${r.womenCount} C${r.childrenCount} M${r.menCount}`,
      r.delegationHeadName,
    ].join('  '),
  );
  lines.push(
    `${sums.handovers} handover(s); women ${sums.women}, children ${sums.children}, men ${sums.men}, persons ${sums.persons}`,
  );
  return lines.join('\n') + '\n';
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
