/**
 * Folds a written name (a country, a month) to the key people's spellings meet at. Shared by the import, the
 * form's pickers and the list's search, so it lives where the renderer may import it and depends on nothing.
 *
 * Arabic: hamza carriers to their bare letter (NFKD splits أ إ آ ؤ ئ into letter + combining hamza/madda, which go
 * with the other marks), ٱ to ا, alef maqsura to ya, ta marbuta to ha, no tatweel or tashkeel, and the article ال
 * (also after و "and") off each word. Persian and Kurdish letter forms fold to the Arabic letter they are written
 * for in Arabic names (ک ی ە ھ ۆ ێ ڵ ڕ گ پ چ ژ ڤ). Latin: case, accents and the letters NFKD leaves whole (ı ß æ ø œ
 * đ ł), "&" as "and", and "the" dropped. Digits in any script become 0-9. Words are then joined without spaces,
 * so "غينيا بيساو", "Guinea-Bissau" and "Guinea Bissau" differ only by what they are.
 */

const LETTERS: Record<string, string> = {
  '\u0671': '\u0627', // ٱ
  '\u0649': '\u064A', // ى -> ي
  '\u0629': '\u0647', // ة -> ه
  '\u06A9': '\u0643', // ک -> ك
  '\u06AF': '\u0643', // گ -> ك
  '\u06CC': '\u064A', // ی -> ي
  '\u06CE': '\u064A', // ێ -> ي
  '\u06D0': '\u064A', // ې -> ي
  '\u06D5': '\u0647', // ە -> ه
  '\u06BE': '\u0647', // ھ -> ه
  '\u06C1': '\u0647', // ہ -> ه
  '\u06C6': '\u0648', // ۆ -> و
  '\u06C7': '\u0648', // ۇ -> و
  '\u06B5': '\u0644', // ڵ -> ل
  '\u0695': '\u0631', // ڕ -> ر
  '\u067E': '\u0628', // پ -> ب
  '\u0686': '\u062C', // چ -> ج
  '\u0698': '\u0632', // ژ -> ز
  '\u06A4': '\u0641', // ڤ -> ف
  '\u0131': 'i', // ı
  '\u00DF': 'ss',
  '\u00E6': 'ae',
  '\u00F8': 'o',
  '\u0153': 'oe',
  '\u0111': 'd',
  '\u0142': 'l',
};
const LETTER_RE = new RegExp(`[${Object.keys(LETTERS).join('')}]`, 'g');
// Combining marks of every script (Latin accents, tashkeel, the hamza and madda NFKD splits off) and tatweel.
const MARKS = /[\p{M}\u0640]/gu;
const DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;

/** The letters of a text folded as above, words kept apart (used for month names, where word order matters). */
export function foldWords(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(MARKS, '')
    .toLowerCase()
    .replace(LETTER_RE, (c) => LETTERS[c])
    .replace(DIGITS, (d) => String(d.charCodeAt(0) & 0xf))
    .replace(/&/g, ' and ')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w && w !== 'the')
    .map((w) => w.replace(/^(و?)ال(?=\p{L}{2})/u, '$1'));
}

/** The key a name is indexed and looked up by. */
export const foldName = (text: string): string => foldWords(text).join('');
