import { LABELS, formatTime, type DocLang, type LabelKey } from '../report/labels';
import type { Settings } from '../../api/schemas/settings';
import { QR_MM, QR_PATH, pageData } from './layout';

/** A label as the templates read it: the primary language and English (resources/typst/parts.typ `bi`). */
export interface Bilingual {
  p: string;
  en: string;
}
export const label = (k: LabelKey, primary: DocLang): Bilingual => ({ p: LABELS[k][primary], en: LABELS[k].en });
export const bilingual = (p: string, en: string): Bilingual => ({ p, en });
/** First strong isolate … pop: a value keeps its own order inside a sentence of the other direction. */
export const isolate = (v: string) => `\u2068${v}\u2069`;

export interface Digital {
  subject: string;
  fingerprint: string;
}

/** The moment a document is made (parts.typ reads it as `s`): the signed box's time. The PDF's date is the export's. */
export function stampData(at: Date) {
  return { time: formatTime(at.toISOString()) };
}

/** The parts every document shares (parts.typ document-frame, doc-header, esign-box): page, info, header, footer. */
export function frameData(o: {
  primary: 'ar' | 'ku';
  fontPt: number;
  settings: Settings;
  title: string;
  subject: string;
  digital: Digital | null;
  reference: string;
  contentHash: string;
}) {
  const P = o.primary;
  return {
    lang: P,
    dir: P === 'ar' ? ('rtl' as const) : ('ltr' as const),
    page: pageData(o.fontPt),
    info: {
      title: o.title,
      author: o.settings.reportAuthorityEn,
      subject: o.subject,
    },
    authority: bilingual(
      P === 'ar' ? o.settings.reportAuthorityAr : o.settings.reportAuthorityKu,
      o.settings.reportAuthorityEn,
    ),
    esign: o.digital
      ? {
          title: label('digitallySigned', P),
          subject: o.digital.subject,
          fingerprint: `SHA-256 ${o.digital.fingerprint.slice(0, 16).replace(/(..)/g, '$1:').slice(0, -1).toUpperCase()}…`,
        }
      : null,
    footer: {
      reference: o.reference,
      // "Page 1 of 2" in the primary language, then in English, like every other label of the document.
      page: label('page', P),
      of: label('of', P),
      'hash-short': o.contentHash.slice(0, 16),
      qr: QR_PATH,
      'qr-mm': QR_MM,
    },
  };
}
