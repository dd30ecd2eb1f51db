/** The report's languages: Arabic or Kurdish (Kurmanji) first, English always beside it. */
export const REPORT_LANGUAGES = ['ar', 'ku'] as const;
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];

export const SIGNER_ROLES = ['handing_official', 'delegation_head', 'witness'] as const;
export type SignerRole = (typeof SIGNER_ROLES)[number];

export const IDENTITY_KINDS = ['generated', 'imported'] as const;
