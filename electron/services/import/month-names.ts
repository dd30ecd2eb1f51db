import { foldWords } from '../../api/schemas/name-fold';

/**
 * Month names as sheets write them, January first. Most come from CLDR through Intl: Levantine/Iraqi Arabic
 * (كانون الثاني، شباط …), Egyptian/standard Arabic (يناير، فبراير …), English (long and short) and Kurmanji
 * (rêbendan, sibat …). These are the common spellings CLDR does not carry: Egyptian variants (يونية، يوليه), the
 * Iraqi مايس, English "Sept", and the Kurmanji names older and everyday texts use (Çile, Kanûna Paşîn, Kanûn …).
 */
const MONTH_ADDITIONS: readonly (readonly string[])[] = [
  ['كانون ثاني', 'Çile', 'Kanûna Paşîn', 'Kanûna Duyem'],
  [],
  [],
  ['إبريل'],
  ['مايس'],
  ['يونية'],
  ['يوليه'],
  ['أغسطوس'],
  ['Sept', 'Îlûn'],
  ['تشرين اول', 'Çirîya Pêşîn'],
  ['تشرين ثاني', 'Çirîya Paşîn'],
  ['كانون اول', 'Kanûn', 'Kanûna Pêşîn', 'Kanûna Yekem'],
];

const INTL_SOURCES: [locale: string, style: 'long' | 'short'][] = [
  ['ar-SY', 'long'],
  ['ar-EG', 'long'],
  ['en', 'long'],
  ['en', 'short'],
  ['ku', 'long'],
];

let byName: Map<string, number> | null = null;

/** Folded month name (its words joined by a space) → month 1-12. A name two months share would throw here. */
export function monthNames(): Map<string, number> {
  if (byName) return byName;
  const map = new Map<string, number>();
  const add = (name: string, month: number) => {
    const key = foldWords(name).join(' ');
    const had = map.get(key);
    if (had !== undefined && had !== month) throw new Error(`Month name "${name}" names months ${had} and ${month}`);
    map.set(key, month);
  };
  for (const [locale, style] of INTL_SOURCES) {
    const format = new Intl.DateTimeFormat(locale, { month: style, timeZone: 'UTC' });
    for (let m = 0; m < 12; m++) add(format.format(new Date(Date.UTC(2023, m, 1))), m + 1);
  }
  MONTH_ADDITIONS.forEach((names, i) => names.forEach((n) => add(n, i + 1)));
  byName = map;
  return map;
}
