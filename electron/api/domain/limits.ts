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
} as const;
export type FileKind = keyof typeof FILE_LIMITS;

export const megabytes = (bytes: number) => Math.round(bytes / MB);
