const MB = 1024 * 1024;

/**
 * The largest file of each kind, in bytes: every transport and every check reads its limit here (the desktop app
 * before reading a chosen file, browser mode before reading a request body, the CLI before reading a path, the
 * services again on the bytes). A 100,000-row sheet is about 20 MB; bundles carry attachments, so they may be larger.
 */
export const FILE_LIMITS = {
  spreadsheet: 40 * MB,
  bundle: 200 * MB,
  attachment: 50 * MB,
  reportPdf: 50 * MB,
  p12: 1 * MB,
  caCertificate: 1 * MB,
  signaturePng: 2 * MB,
  officeCard: 20_000,
  /** Printed into every report, kept in the settings. */
  reportLogo: 500_000,
} as const;
export type FileKind = keyof typeof FILE_LIMITS;

/** The file names each kind is offered under: the desktop app's open dialog and browser mode's file input. */
export const FILE_EXTENSIONS: Record<FileKind, string[]> = {
  spreadsheet: ['csv', 'tsv', 'txt', 'xlsx'],
  bundle: ['tasleem', 'json'],
  attachment: ['pdf', 'jpg', 'jpeg', 'png'],
  reportPdf: ['pdf'],
  p12: ['p12', 'pfx'],
  caCertificate: ['pem', 'crt', 'cer', 'der'],
  signaturePng: ['png'],
  officeCard: ['json'],
  reportLogo: ['png', 'jpg', 'jpeg'],
};

/**
 * Kinds the page makes itself and has no path for (the signature drawn on the signing screen): the desktop app takes
 * their bytes over ipc, browser mode as an upload like any other. Every other kind is chosen: a path in the desktop app.
 */
export const MADE_IN_PAGE = ['signaturePng'] as const satisfies readonly FileKind[];
export type MadeInPage = (typeof MADE_IN_PAGE)[number];
export const isMadeInPage = (kind: unknown): kind is MadeInPage => (MADE_IN_PAGE as readonly unknown[]).includes(kind);

/** A limit as people read it: whole megabytes, or two decimals below one (a logo's 0.48 MB, not 0). */
export const megabytes = (bytes: number) => Math.round((bytes / MB) * 100) / 100;
