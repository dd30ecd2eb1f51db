/**
 * Folds the ways people type Arabic so that index and query meet: hamza/alef forms to bare alef, taa marbuta to
 * haa, alef maqsura to yaa, and no tashkeel or tatweel. Latin case and accents are left to FTS5's unicode61
 * tokenizer (remove_diacritics 2), but folded here too so that prefix queries behave the same.
 */
export function normalizeForSearch(input: string): string {
  return input
    .normalize('NFKD')
    .replace(/[\u064B-\u065F\u0670\u06D6-\u06ED]/g, '') // tashkeel and Quranic marks
    .replace(/\u0640/g, '') // tatweel
    .replace(/[\u0622\u0623\u0625\u0671]/g, '\u0627') // آ أ إ ٱ -> ا
    .replace(/\u0629/g, '\u0647') // ة -> ه
    .replace(/\u0649/g, '\u064A') // ى -> ي
    .replace(/\u0624/g, '\u0648') // ؤ -> و
    .replace(/\u0626/g, '\u064A') // ئ -> ي
    .replace(/[\u0300-\u036f]/g, '') // Latin combining accents
    .toLowerCase();
}

/** Builds an FTS5 MATCH expression: every word must occur, each as a prefix. Null when nothing searchable is left. */
export function toFtsQuery(input: string): string | null {
  const words = normalizeForSearch(input)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 12);
  if (words.length === 0) return null;
  return words.map((w) => `"${w}"*`).join(' ');
}
