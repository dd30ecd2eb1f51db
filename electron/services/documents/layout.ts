/** The page of every signed document, in millimetres (resources/typst/parts.typ lays it out from these). */
export const PAGE = { widthMm: 210, heightMm: 297, marginTopMm: 12, marginSideMm: 14, marginBottomMm: 24 } as const;
/** The "digitally signed" box: placed at the top inline-end corner of page 1, so its position is exact. */
export const ESIGN_BOX = { widthMm: 64, heightMm: 25 } as const;
/** The QR code in the footer. */
export const QR_MM = 16;
/** Where the template finds the QR code of the document being made. */
export const QR_PATH = '/doc/qr.svg';

const PT_PER_MM = 72 / 25.4;

/** The signature widget's rectangle in PDF points (origin bottom-left) on page 1, over the template's box. */
export function esignWidgetRect(dir: 'rtl' | 'ltr'): [number, number, number, number] {
  const left = dir === 'rtl' ? PAGE.marginSideMm : PAGE.widthMm - PAGE.marginSideMm - ESIGN_BOX.widthMm;
  const top = PAGE.marginTopMm;
  const r = (mm: number) => Math.round(mm * PT_PER_MM * 100) / 100;
  return [r(left), r(PAGE.heightMm - top - ESIGN_BOX.heightMm), r(left + ESIGN_BOX.widthMm), r(PAGE.heightMm - top)];
}

/** What parts.typ's document-frame reads as `d.page`. */
export const pageData = (fontPt: number) => ({
  top: PAGE.marginTopMm,
  side: PAGE.marginSideMm,
  bottom: PAGE.marginBottomMm,
  'esign-width': ESIGN_BOX.widthMm,
  'esign-height': ESIGN_BOX.heightMm,
  'font-pt': fontPt,
});
