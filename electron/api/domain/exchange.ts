/** A conflicting field as both offices hold it, shown side by side until a person decides. */
export interface SideBySideField {
  field: string;
  local: string;
  incoming: string;
}

export const MERGE_OUTCOMES = ['new', 'amended', 'unchanged', 'conflict', 'rejected'] as const;
export type MergeOutcome = (typeof MERGE_OUTCOMES)[number];

export interface MergeRow {
  id: string;
  referenceNo: string;
  outcome: MergeOutcome;
  reason?: string;
  /** For conflicts: field by field, what this office has and what the bundle brings. */
  sideBySide?: SideBySideField[];
}
export interface MergeReport {
  bundleId: string;
  from: { id: string; name: string };
  counts: Record<MergeOutcome, number>;
  rows: MergeRow[];
}

export const CONFLICT_CHOICES = ['keep_local', 'take_incoming'] as const;
export const CONFLICT_RESOLUTIONS = ['kept_local', 'took_incoming'] as const;
export type ConflictResolution = (typeof CONFLICT_RESOLUTIONS)[number];
