import { describe, expect, it } from 'vitest';
import { aliasIsNew, aliasMap, aliasProblem, resolveCountryName } from '../../electron/api/schemas/country-resolver';
import { foldName } from '../../electron/api/schemas/name-fold';

/** Countries as offices, statements and news reports write them, per language of writing. */
const WRITTEN: Record<'ar' | 'en' | 'ku', [string, string][]> = {
  ar: [
    ['قرغيزستان', 'KG'],
    ['قيرغيزستان', 'KG'],
    ['قرغيزيا', 'KG'],
    ['قيرغيزيا', 'KG'],
    ['جمهورية قيرغيزستان', 'KG'],
    ['كازاخستان', 'KZ'],
    ['كازخستان', 'KZ'],
    ['قازاقستان', 'KZ'],
    ['أوزبكستان', 'UZ'],
    ['اوزبكستان', 'UZ'],
    ['أوزبكستان', 'UZ'],
    ['هولندا', 'NL'],
    ['نيذرلاند', 'NL'],
    ['هولنده', 'NL'],
    ['روسيا', 'RU'],
    ['روسيا الاتحادية', 'RU'],
    ['الاتحاد الروسي', 'RU'],
    ['روسيا الإتحادية', 'RU'],
    ['المملكة المتحدة', 'GB'],
    ['بريطانيا', 'GB'],
    ['بريطانيا العظمى', 'GB'],
    ['الولايات المتحدة', 'US'],
    ['الولايات المتحدة الأمريكية', 'US'],
    ['أمريكا', 'US'],
    ['التشيك', 'CZ'],
    ['جمهورية التشيك', 'CZ'],
    ['تشيكيا', 'CZ'],
    ['تركيا', 'TR'],
    ['تركيّا', 'TR'],
    ['فرنسا', 'FR'],
    ['فرنســـا', 'FR'],
    ['فَرَنْسا', 'FR'],
    ['ألمانيا', 'DE'],
    ['المانيا', 'DE'],
    ['إلمانيا', 'DE'],
    ['بلجيكا', 'BE'],
    ['السويد', 'SE'],
    ['سويد', 'SE'],
    ['فنلندا', 'FI'],
    ['فنلنده', 'FI'],
    ['الدنمارك', 'DK'],
    ['الدانمارك', 'DK'],
    ['النرويج', 'NO'],
    ['النمسا', 'AT'],
    ['إيطاليا', 'IT'],
    ['ايطاليا', 'IT'],
    ['إسبانيا', 'ES'],
    ['اسبانيا', 'ES'],
    ['ألبانيا', 'AL'],
    ['البوسنة والهرسك', 'BA'],
    ['البوسنة و الهرسك', 'BA'],
    ['مقدونيا الشمالية', 'MK'],
    ['أوكرانيا', 'UA'],
    ['اوكرانيا', 'UA'],
    ['روسيا البيضاء', 'BY'],
    ['بيلاروسيا', 'BY'],
    ['طاجيكستان', 'TJ'],
    ['طاجكستان', 'TJ'],
    ['تاجيكستان', 'TJ'],
    ['أذربيجان', 'AZ'],
    ['اذربيجان', 'AZ'],
    ['كوسوفو', 'XK'],
    ['كوسوفا', 'XK'],
    ['أستراليا', 'AU'],
    ['استراليا', 'AU'],
    ['كندا', 'CA'],
    ['العراق', 'IQ'],
    ['عراق', 'IQ'],
    ['سوريا', 'SY'],
    ['سورية', 'SY'],
    ['السودان', 'SD'],
    ['ترينيداد وتوباغو', 'TT'],
    ['إندونيسيا', 'ID'],
    ['ماليزيا', 'MY'],
    ['باكستان', 'PK'],
    ['جورجيا', 'GE'],
    ['أرمينيا', 'AM'],
    ['ڤنزويلا', 'VE'],
    ['کندا', 'CA'],
    ['ایران', 'IR'],
    ['إيران', 'IR'],
  ],
  en: [
    ['Kyrgyzstan', 'KG'],
    ['KYRGYZSTAN', 'KG'],
    ['Kyrgyz Republic', 'KG'],
    ['Kirghizia', 'KG'],
    ['Kirgizstan', 'KG'],
    ['Kazakhstan', 'KZ'],
    ['Kazakstan', 'KZ'],
    ['Uzbekistan', 'UZ'],
    ['Netherlands', 'NL'],
    ['The Netherlands', 'NL'],
    ['Holland', 'NL'],
    ['Russia', 'RU'],
    ['Russian Federation', 'RU'],
    ['United Kingdom', 'GB'],
    ['UK', 'GB'],
    ['U.K.', 'GB'],
    ['Britain', 'GB'],
    ['Great Britain', 'GB'],
    ['United States', 'US'],
    ['USA', 'US'],
    ['US', 'US'],
    ['U.S.A.', 'US'],
    ['America', 'US'],
    ['United States of America', 'US'],
    ['Czechia', 'CZ'],
    ['Czech Republic', 'CZ'],
    ['Türkiye', 'TR'],
    ['Turkey', 'TR'],
    ['Turkiye', 'TR'],
    ['TÜRKİYE', 'TR'],
    ['France', 'FR'],
    ['Germany', 'DE'],
    ['Belgium', 'BE'],
    ['Sweden', 'SE'],
    ['Finland', 'FI'],
    ['Denmark', 'DK'],
    ['Norway', 'NO'],
    ['Austria', 'AT'],
    ['Italy', 'IT'],
    ['Spain', 'ES'],
    ['Albania', 'AL'],
    ['Bosnia and Herzegovina', 'BA'],
    ['Bosnia & Herzegovina', 'BA'],
    ['Bosnia', 'BA'],
    ['North Macedonia', 'MK'],
    ['Macedonia', 'MK'],
    ['Ukraine', 'UA'],
    ['Belarus', 'BY'],
    ['Tajikistan', 'TJ'],
    ['Azerbaijan', 'AZ'],
    ['Kosovo', 'XK'],
    ['Australia', 'AU'],
    ['Canada', 'CA'],
    ['Iraq', 'IQ'],
    ['Syria', 'SY'],
    ['Sudan', 'SD'],
    ['Trinidad and Tobago', 'TT'],
    ['Indonesia', 'ID'],
    ['Malaysia', 'MY'],
    ['Pakistan', 'PK'],
    ['Georgia', 'GE'],
    ['KGZ', 'KG'],
    ['kg', 'KG'],
  ],
  ku: [
    ['Qirgizistan', 'KG'],
    ['Qirgîzistan', 'KG'],
    ['Kirgizistan', 'KG'],
    ['Qazaxistan', 'KZ'],
    ['Ozbekistan', 'UZ'],
    ['Ûzbêkistan', 'UZ'],
    ['Holanda', 'NL'],
    ['Holenda', 'NL'],
    ['Rûsya', 'RU'],
    ['Rusya', 'RU'],
    ['Brîtanya', 'GB'],
    ['Keyaniya Yekbûyî', 'GB'],
    ['Amerîka', 'US'],
    ['Dewletên Yekbûyî yên Amerîkayê', 'US'],
    ['DYA', 'US'],
    ['Çekya', 'CZ'],
    ['Tirkiye', 'TR'],
    ['Tirkîye', 'TR'],
    ['Fransa', 'FR'],
    ['Almanya', 'DE'],
    ['Belçîka', 'BE'],
    ['Swêd', 'SE'],
    ['Fînlenda', 'FI'],
    ['Danîmarka', 'DK'],
    ['Norwêc', 'NO'],
    ['Awistirya', 'AT'],
    ['Îtalya', 'IT'],
    ['Spanya', 'ES'],
    ['Albanya', 'AL'],
    ['Bosna û Hersek', 'BA'],
    ['Makedonya', 'MK'],
    ['Ukrayna', 'UA'],
    ['Belarûs', 'BY'],
    ['Tacîkistan', 'TJ'],
    ['Azerbaycan', 'AZ'],
    ['Kosova', 'XK'],
    ['Awistralya', 'AU'],
    ['Kanada', 'CA'],
    ['Îraq', 'IQ'],
    ['Sûriye', 'SY'],
    ['Sûdan', 'SD'],
    ['Endonezya', 'ID'],
    ['Malezya', 'MY'],
    ['Pakistan', 'PK'],
    ['Gurcistan', 'GE'],
    ['Ermenistan', 'AM'],
    ['Îran', 'IR'],
    ['Misir', 'EG'],
    ['Lubnan', 'LB'],
    ['Urdun', 'JO'],
    ['Yewnanistan', 'GR'],
    ['Swîsre', 'CH'],
    ['Polonya', 'PL'],
  ],
};

describe('country resolver: written variants', () => {
  for (const lang of ['ar', 'en', 'ku'] as const) {
    it(`${lang}: at least 30 variants`, () => expect(WRITTEN[lang].length).toBeGreaterThanOrEqual(30));
    it.each(WRITTEN[lang])(`${lang}: %s → %s`, (name, code) => {
      expect(resolveCountryName(name)).toEqual({ ok: true, code });
    });
  }
});

describe('country resolver: letters folded', () => {
  it.each([
    ['أوزبكستان', 'اوزبكستان'], // hamza on alef
    ['إيطاليا', 'ايطاليا'],
    ['آذار', 'اذار'], // madda
    ['سورية', 'سوريه'], // ta marbuta
    ['بنغازى', 'بنغازي'], // alef maqsura
    ['فرنســـا', 'فرنسا'], // tatweel
    ['فَرَنْسا', 'فرنسا'], // tashkeel
    ['العراق', 'عراق'], // leading article
    ['البوسنة و الهرسك', 'البوسنة والهرسك'], // article after "and"
    ['کندا', 'كندا'], // Persian keheh
    ['ایران', 'إيران'], // Persian yeh
    ['ڤنزويلا', 'فنزويلا'], // veh
    ['کۆریا', 'كوريا'], // Kurdish o
    ['TÜRKİYE', 'turkiye'],
    ['Çekya', 'cekya'],
    ['Ûzbêkistan', 'uzbekistan'],
    ['Guinea-Bissau', 'guinea bissau'],
    ['Bosnia & Herzegovina', 'Bosnia and Herzegovina'],
    ['The Netherlands', 'Netherlands'],
    ['٢٠٢٣', '2023'],
  ])('%s ≡ %s', (a, b) => expect(foldName(a)).toBe(foldName(b)));
});

describe('country resolver: never a guess', () => {
  it.each([
    ['Kyrgyzia', ['KG']],
    ['Qazaxstan', ['KZ']],
    ['قرغيزي', ['KG']],
    ['Nigera', ['NE', 'NG']], // a near miss of two countries: both offered
    ['غينا', ['GH', 'GN']], // Guinea or Ghana
    ['Guinea-B', ['GN', 'GW']],
    ['Congo', ['CD', 'CG']], // a name two countries carry decides nothing
  ])('%s is rejected, suggesting %j', (name, expected) => {
    const r = resolveCountryName(name);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.suggestions.length).toBeLessThanOrEqual(3);
    for (const code of expected) expect(r.suggestions).toContain(code);
  });
  it('offers nothing for a name close to no country', () => {
    expect(resolveCountryName('Xyzzy')).toEqual({ ok: false, suggestions: [] });
    expect(resolveCountryName('')).toEqual({ ok: false, suggestions: [] });
  });
  it('takes ISO codes (alpha-2 and alpha-3, Kosovo by convention) in any case', () => {
    expect(resolveCountryName('kg')).toEqual({ ok: true, code: 'KG' });
    expect(resolveCountryName('KAZ')).toEqual({ ok: true, code: 'KZ' });
    expect(resolveCountryName('XKX')).toEqual({ ok: true, code: 'XK' });
  });
});

describe("country resolver: the office's aliases", () => {
  const aliases = aliasMap([{ name: 'جمهورية قرغيزيا الشعبية', code: 'KG' }]);
  it('resolves a stored alias, folded like every name', () => {
    expect(resolveCountryName('جمهوريه قرغيزيا الشعبيه', aliases)).toEqual({ ok: true, code: 'KG' });
    expect(resolveCountryName('جمهوريه قرغيزيا الشعبيه')).toMatchObject({ ok: false });
  });
  it('refuses an alias that would remap an ISO code or a name the sources or our additions give', () => {
    expect(aliasProblem('FR', 'KG')).toMatchObject({ problem: 'is_code' });
    expect(aliasProblem('DEU', 'KG')).toMatchObject({ problem: 'is_code' });
    expect(aliasProblem('فرنسا', 'KG')).toEqual({ problem: 'taken', current: 'FR' });
    expect(aliasProblem('قرغيزستان', 'KZ')).toEqual({ problem: 'taken', current: 'KG' });
    expect(aliasProblem('Congo', 'CD')).toMatchObject({ problem: 'taken' });
    expect(aliasProblem('جمهورية قرغيزيا الشعبية', 'KZ', aliases)).toEqual({ problem: 'taken', current: 'KG' });
    expect(aliasProblem('  ', 'KG')).toEqual({ problem: 'empty' });
    expect(aliasProblem('Kirgizija', 'QQ')).toEqual({ problem: 'unknown_code' });
  });
  it('accepts a new name, and knows when one adds nothing', () => {
    expect(aliasProblem('Kirgizija', 'KG')).toBeNull();
    expect(aliasIsNew('Kirgizija', 'KG')).toBe(true);
    expect(aliasProblem('قرغيزيا', 'KG')).toBeNull();
    expect(aliasIsNew('قرغيزيا', 'KG')).toBe(false);
  });
});
