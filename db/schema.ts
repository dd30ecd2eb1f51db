import { sql, type AnyColumn } from 'drizzle-orm';
import { blob, check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { SideBySideField } from '../electron/api/domain/exchange';
import { CONFLICT_RESOLUTIONS } from '../electron/api/domain/exchange';
import {
  CAMPS,
  DATE_PRECISIONS,
  SOURCES,
  STATUSES,
  type DelegationMember,
  type DocumentLanguage,
} from '../electron/api/domain/handover';
import { PERSON_CATEGORIES, SEXES } from '../electron/api/domain/persons';
import { IDENTITY_KINDS, SIGNER_ROLES } from '../electron/api/domain/reports';

/**
 * A record whose protocol does not name both parties or the camp (imported from the public record, issue 10): the
 * same text in the partial index and in the queries that count them, so SQLite uses the index. An unrecorded camp is
 * 'other' with no name (the app never stores that: "other" needs its name), since the camp's CHECK allows no empty.
 */
export const incompleteSql = (t: {
  delegationHeadName: AnyColumn;
  handingAuthority: AnyColumn;
  handingOfficialName: AnyColumn;
  camp: AnyColumn;
  campOther: AnyColumn;
}) =>
  sql`(${t.delegationHeadName} = '' OR ${t.handingAuthority} = '' OR ${t.handingOfficialName} = '' OR (${t.camp} = 'other' AND ${t.campOther} = ''))`;

/**
 * One row per handover, holding its *current* content. Earlier versions of a finalized record live in
 * handover_versions; totals and lists read this table only, so "only the current version counts" holds by shape.
 */
export const handovers = sqliteTable(
  'handovers',
  {
    id: text('id').primaryKey(), // UUIDv7: sortable and mergeable across offices
    referenceNo: text('reference_no').notNull(),
    status: text('status', { enum: STATUSES }).notNull().default('draft'),
    version: integer('version').notNull().default(1),
    /** Bumped on every write; an update must name the revision it read (optimistic concurrency). */
    revision: integer('revision').notNull().default(1),
    handoverDate: text('handover_date').notNull(),
    /**
     * How much of the date is known when it is less than a day (issue 10): 'month' ("March 2021") or 'year' ("2019"),
     * stored as the first day of it, so sorting, range filters and the totals summaries need nothing else. Null: a day.
     */
    datePrecision: text('date_precision', { enum: DATE_PRECISIONS }),
    receivingCountry: text('receiving_country').notNull(),
    /** Empty when the source does not name them (an imported record of the public record): shown as not recorded. */
    delegationHeadName: text('delegation_head_name').notNull(),
    /** The same name in the other script (Arabic ↔ Latin), for the protocol's other half (issue 10). */
    delegationHeadNameLatin: text('delegation_head_name_latin'),
    delegationHeadTitle: text('delegation_head_title').notNull().default(''),
    delegationBody: text('delegation_body').notNull().default(''),
    delegationMembers: text('delegation_members', { mode: 'json' }).$type<DelegationMember[]>().notNull().default([]),
    handingAuthority: text('handing_authority').notNull(),
    handingOfficialName: text('handing_official_name').notNull(),
    handingOfficialNameLatin: text('handing_official_name_latin'),
    handingOfficialTitle: text('handing_official_title').notNull().default(''),
    location: text('location').notNull().default(''),
    camp: text('camp', { enum: CAMPS }).notNull(),
    campOther: text('camp_other').notNull().default(''),
    womenCount: integer('women_count').notNull().default(0),
    childrenCount: integer('children_count').notNull().default(0),
    boysCount: integer('boys_count').notNull().default(0),
    girlsCount: integer('girls_count').notNull().default(0),
    unaccompaniedCount: integer('unaccompanied_count').notNull().default(0),
    menCount: integer('men_count').notNull().default(0),
    documentLanguages: text('document_languages', { mode: 'json' })
      .$type<DocumentLanguage[]>()
      .notNull()
      .default(['ar', 'en']),
    notes: text('notes').notNull().default(''),
    /** Where the figures come from, as the sheet's `source` column says it: a URL, "MFA statement 2021-03-10". */
    sourceNote: text('source_note'),
    voidReason: text('void_reason'),
    /** How the record came in: typed in this app, imported from a spreadsheet (issue 6), or from another office's bundle. */
    source: text('source', { enum: SOURCES }).notNull().default('app'),
    /** For imports the SHA-256 of the file (matching its audit entry); for exchange the sending office's bundle id. */
    sourceRef: text('source_ref'),
    /** For imports: the sheet's file name and the row the record came from (its provenance, issue 10). */
    sourceFile: text('source_file'),
    sourceRow: integer('source_row'),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    updatedAt: text('updated_at').notNull(),
    updatedBy: text('updated_by').notNull(),
  },
  (t) => [
    uniqueIndex('handovers_reference_no_unique').on(t.referenceNo),
    index('handovers_date_idx').on(t.handoverDate),
    index('handovers_country_date_idx').on(t.receivingCountry, t.handoverDate),
    index('handovers_status_idx').on(t.status, t.handoverDate),
    // Only the records whose protocol is incomplete (few): the totals page counts them without reading the others.
    index('handovers_incomplete_idx').on(t.status, t.handoverDate).where(incompleteSql(t)),
    // Covering index for the per-country totals (db/queries/totals.ts): status and date range seek, the rest is read
    // from the index without touching the table rows.
    index('handovers_totals_idx').on(
      t.status,
      t.handoverDate,
      t.receivingCountry,
      t.camp,
      t.womenCount,
      t.childrenCount,
      t.boysCount,
      t.girlsCount,
      t.unaccompaniedCount,
      t.menCount,
    ),
    check('handovers_status_check', sql`${t.status} IN ('draft','finalized','void')`),
    check('handovers_camp_check', sql`${t.camp} IN ('al_hol','roj','other')`),
    check('handovers_source_check', sql`${t.source} IN ('app','import','exchange')`),
    check(
      'handovers_country_check',
      sql`length(${t.receivingCountry}) = 2 AND ${t.receivingCountry} = upper(${t.receivingCountry})`,
    ),
    check(
      'handovers_date_precision_check',
      sql`${t.datePrecision} IS NULL OR (${t.datePrecision} = 'month' AND ${t.handoverDate} LIKE '%-01') OR (${t.datePrecision} = 'year' AND ${t.handoverDate} LIKE '%-01-01')`,
    ),
    check('handovers_date_check', sql`${t.handoverDate} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'`),
    check(
      'handovers_counts_check',
      sql`typeof(${t.womenCount}) = 'integer' AND ${t.womenCount} >= 0
        AND typeof(${t.childrenCount}) = 'integer' AND ${t.childrenCount} >= 0
        AND typeof(${t.boysCount}) = 'integer' AND ${t.boysCount} >= 0
        AND typeof(${t.girlsCount}) = 'integer' AND ${t.girlsCount} >= 0
        AND typeof(${t.unaccompaniedCount}) = 'integer' AND ${t.unaccompaniedCount} >= 0
        AND typeof(${t.menCount}) = 'integer' AND ${t.menCount} >= 0`,
    ),
    check(
      'handovers_split_check',
      sql`${t.boysCount} + ${t.girlsCount} <= ${t.childrenCount} AND ${t.unaccompaniedCount} <= ${t.childrenCount}`,
    ),
    check('handovers_version_check', sql`${t.version} >= 1 AND ${t.revision} >= 1`),
  ],
);

/**
 * The totals summaries, all kept by triggers on `handovers` inside the transaction of every write and never written by
 * the app's own statements (db/queries/month-totals.ts lists them; `tasleem check` compares each with the table and
 * rebuilds them on a mismatch). One bucket per status × period × country × camp with its figures; `dates`: and the
 * bucket's earliest and latest handover date.
 */
const summaryKey = () => ({
  status: text('status', { enum: STATUSES }).notNull(),
  receivingCountry: text('receiving_country').notNull(),
  camp: text('camp', { enum: CAMPS }).notNull(),
});
const summaryFigures = () => ({
  handovers: integer('handovers').notNull(),
  women: integer('women').notNull(),
  children: integer('children').notNull(),
  boys: integer('boys').notNull(),
  girls: integer('girls').notNull(),
  unaccompanied: integer('unaccompanied').notNull(),
  men: integer('men').notNull(),
});
const summaryDates = () => ({ first: text('first').notNull(), last: text('last').notNull() });

/** The period's own figures and dates, keyed period first (a range of periods is one seek). */
function periodSummary(name: string, period: string) {
  return sqliteTable(
    name,
    { ...summaryKey(), period: text(period).notNull(), ...summaryFigures(), ...summaryDates() },
    (t) => [primaryKey({ columns: [t.status, t.period, t.receivingCountry, t.camp] })],
  );
}

/**
 * Per (status, month 'YYYY-MM', country, camp), migration 0006: a range of whole months reads at most countries × months
 * rows. A date known only to the month or year is stored as its first day and counts in that month.
 */
export const handoverMonthTotals = periodSummary('handover_month_totals', 'month');
/** The same per year ('YYYY'), migration 0007: a range of whole years reads twelve times fewer rows. */
export const handoverYearTotals = periodSummary('handover_year_totals', 'year');
/**
 * The same for all time (migration 0010): the totals page's default view reads countries × camps rows. `revision` is a
 * new random number at every write to the bucket (migration 0014): what tells a bucket's days held in memory for
 * day-level ranges (db/queries/range-totals.ts) that they are out of date.
 */
export const handoverAllTotals = sqliteTable(
  'handover_all_totals',
  { ...summaryKey(), ...summaryFigures(), ...summaryDates(), revision: integer('revision').notNull().default(0) },
  (t) => [primaryKey({ columns: [t.status, t.receivingCountry, t.camp] })],
);
/**
 * Per (status, country, camp, day 'YYYY-MM-DD'), migration 0014: a bucket's days, keyed bucket first (one bucket's days
 * are one range), a row only where it has handovers; figures only, the day is its own first and last.
 */
export const handoverDayTotals = sqliteTable(
  'handover_day_totals',
  { ...summaryKey(), day: text('day').notNull(), ...summaryFigures() },
  (t) => [primaryKey({ columns: [t.status, t.receivingCountry, t.camp, t.day] })],
);

/**
 * A row here, inside a write transaction, tells the insert trigger of the totals summaries to skip: a bulk writer (the
 * spreadsheet import) adds up its rows per bucket itself and writes each bucket once before it removes the row and
 * commits (migration 0009). Empty in every committed state; other connections never see it set.
 */
export const handoverTotalsDeferred = sqliteTable('handover_totals_deferred', {
  one: integer('one').primaryKey(),
});

/**
 * The handover's own life, not what its document says: the rest of its columns are its content (typed in the form,
 * frozen in versions, hashed into reports, read from sheets, sent between offices; electron/api/schemas/handover.ts).
 */
export const HANDOVER_RECORD_COLUMNS = [
  'id',
  'status',
  'version',
  'revision',
  'voidReason',
  'source',
  'sourceRef',
  'sourceFile',
  'sourceRow',
  'createdAt',
  'createdBy',
  'updatedAt',
  'updatedBy',
] as const satisfies readonly (keyof typeof handovers.$inferSelect)[];

/** Frozen snapshots of finalized content: version 1 at finalization, one more per amendment. */
export const handoverVersions = sqliteTable(
  'handover_versions',
  {
    handoverId: text('handover_id')
      .notNull()
      .references(() => handovers.id),
    version: integer('version').notNull(),
    content: text('content', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    contentHash: text('content_hash').notNull(),
    reason: text('reason').notNull().default(''),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [uniqueIndex('handover_versions_pk').on(t.handoverId, t.version)],
);

export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
  updatedAt: text('updated_at').notNull(),
});

/**
 * Append-only and hash-chained: written only through db/queries/audit.ts. `hash` is SHA-256 over `prev_hash` and the
 * canonical entry (services/audit/chain.ts); triggers refuse updates, deletes and unchained inserts, and the verifier
 * catches whatever gets past them. `actor` is an account's username, or `cli:<os user>` for the command line.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    details: text('details', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    prevHash: text('prev_hash'),
    hash: text('hash'),
  },
  (t) => [
    index('audit_entity_idx').on(t.entity, t.entityId),
    index('audit_actor_idx').on(t.actor, t.id),
    index('audit_at_idx').on(t.at),
  ],
);

/**
 * People who sign in. Never deleted (audit entries name them): an administrator disables an account instead.
 * `username` is immutable, lower-case, without ':' (so it can never look like a `cli:` actor).
 */
export const accounts = sqliteTable(
  'accounts',
  {
    id: text('id').primaryKey(), // UUIDv7
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    role: text('role', { enum: ['administrator', 'registrar', 'viewer'] }).notNull(),
    /** argon2id PHC string (services/auth/passwords.ts). */
    passwordHash: text('password_hash').notNull(),
    disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
    /** Consecutive failed sign-ins; lockedUntil grows with them (services/auth/lockout.ts). */
    failedAttempts: integer('failed_attempts').notNull().default(0),
    lockedUntil: text('locked_until'),
    lastSignInAt: text('last_sign_in_at'),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('accounts_username_unique').on(t.username),
    check('accounts_role_check', sql`${t.role} IN ('administrator','registrar','viewer')`),
    check(
      'accounts_username_check',
      sql`${t.username} = lower(${t.username}) AND length(${t.username}) BETWEEN 2 AND 64 AND instr(${t.username}, ':') = 0`,
    ),
  ],
);

/** The manifest: persons handed over. Part of the record's content, so it is frozen with each version. */
export const persons = sqliteTable(
  'persons',
  {
    id: text('id').primaryKey(),
    handoverId: text('handover_id')
      .notNull()
      .references(() => handovers.id),
    position: integer('position').notNull(),
    fullNameAr: text('full_name_ar').notNull().default(''),
    fullNameLatin: text('full_name_latin').notNull().default(''),
    sex: text('sex', { enum: SEXES }).notNull(),
    birthYear: integer('birth_year'),
    birthDate: text('birth_date'),
    category: text('category', { enum: PERSON_CATEGORIES }).notNull(),
    motherId: text('mother_id'),
    camp: text('camp').notNull().default(''),
    idDocumentNo: text('id_document_no').notNull().default(''),
    unaccompanied: integer('unaccompanied', { mode: 'boolean' }).notNull().default(false),
    consentRecorded: integer('consent_recorded', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    index('persons_handover_idx').on(t.handoverId, t.position),
    check('persons_category_check', sql`${t.category} IN ('woman','child','man')`),
    check('persons_sex_check', sql`${t.sex} IN ('f','m')`),
  ],
);

export const attachments = sqliteTable(
  'attachments',
  {
    id: text('id').primaryKey(),
    handoverId: text('handover_id')
      .notNull()
      .references(() => handovers.id),
    fileName: text('file_name').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    data: blob('data', { mode: 'buffer' }).notNull(),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [
    index('attachments_handover_idx').on(t.handoverId),
    check('attachments_mime_check', sql`${t.mime} IN ('application/pdf','image/jpeg','image/png')`),
  ],
);

/**
 * Handwritten signatures drawn on screen at the handover (issue 4): PNG bytes, with who signed, in which role and when.
 * They are printed into the report's HTML before the organization's cryptographic signature is applied.
 */
export const handwrittenSignatures = sqliteTable(
  'handwritten_signatures',
  {
    id: text('id').primaryKey(),
    handoverId: text('handover_id')
      .notNull()
      .references(() => handovers.id),
    role: text('role', { enum: SIGNER_ROLES }).notNull(),
    signerName: text('signer_name').notNull(),
    signerTitle: text('signer_title').notNull().default(''),
    signedAt: text('signed_at').notNull(),
    image: blob('image', { mode: 'buffer' }).notNull(),
    /** The record's content hash when this signature was drawn: shows whether the record changed afterwards. */
    contentHash: text('content_hash').notNull(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [
    index('handwritten_signatures_handover_idx').on(t.handoverId, t.signedAt),
    check('handwritten_signatures_role_check', sql`${t.role} IN ('handing_official','delegation_head','witness')`),
  ],
);

/**
 * The organization's signing identity for PDF reports. The private key never appears here in plain text: `sealed` is
 * the .p12 (with its password) encrypted by a KeyVault (electron/services/signing/vault.ts), whose key lives outside
 * the database. Only one identity is active; older ones stay so reports they signed can still be traced.
 */
export const signingIdentities = sqliteTable(
  'signing_identities',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: IDENTITY_KINDS }).notNull(),
    subject: text('subject').notNull(),
    fingerprint: text('fingerprint').notNull(),
    certPem: text('cert_pem').notNull(),
    /** The trust anchor a verifier imports: our organization CA, or the issuer found in an imported .p12. */
    caCertPem: text('ca_cert_pem').notNull(),
    notAfter: text('not_after').notNull(),
    vault: text('vault').notNull(),
    sealed: text('sealed').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [
    index('signing_identities_active_idx').on(t.active, t.createdAt),
    check('signing_identities_kind_check', sql`${t.kind} IN ('generated','imported')`),
  ],
);

/**
 * Office-exchange conflicts (docs/exchange-format.md): a bundle's record that could not be merged, kept whole with the
 * differing fields side by side until a person keeps this office's version or takes the other office's. Never deleted
 * (a trigger refuses it): a resolved conflict stays as history of who decided what, when and why.
 */
export const exchangeConflicts = sqliteTable(
  'exchange_conflicts',
  {
    id: text('id').primaryKey(), // UUIDv7
    bundleId: text('bundle_id').notNull(),
    fromOfficeId: text('from_office_id').notNull(),
    fromOfficeName: text('from_office_name').notNull(),
    handoverId: text('handover_id').notNull(),
    referenceNo: text('reference_no').notNull(),
    reason: text('reason').notNull(),
    sideBySide: text('side_by_side', { mode: 'json' }).$type<SideBySideField[]>().notNull().default([]),
    /** The whole BundleRecord as it arrived (attachments and signature images in base64). */
    incoming: text('incoming', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    receivedAt: text('received_at').notNull(),
    resolvedAt: text('resolved_at'),
    resolvedBy: text('resolved_by'),
    resolution: text('resolution', { enum: CONFLICT_RESOLUTIONS }),
    resolutionNote: text('resolution_note'),
  },
  (t) => [
    uniqueIndex('exchange_conflicts_bundle_handover_unique').on(t.bundleId, t.handoverId),
    index('exchange_conflicts_pending_idx').on(t.resolvedAt, t.receivedAt),
    check(
      'exchange_conflicts_resolution_check',
      sql`${t.resolution} IS NULL OR ${t.resolution} IN ('kept_local','took_incoming')`,
    ),
    check('exchange_conflicts_resolved_check', sql`(${t.resolution} IS NULL) = (${t.resolvedAt} IS NULL)`),
  ],
);
