/** The handovers from the camps began after 2014; a date before then, or in the future, is allowed but questioned. */
export function dateWarning(
  date: string | undefined,
  today: string = new Date().toISOString().slice(0, 10),
): 'future_date' | 'early_date' | null {
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  if (date > today) return 'future_date';
  if (date < '2014-01-01') return 'early_date';
  return null;
}
