-- Which full-text row holds which handover (issue 14): a search's first page walks the sort's index and looks each
-- record's search row up here, instead of reading every match's handover_id out of the FTS content (2 s for a name
-- in one record of eight at 1,000,000 handovers). FTS5 rowids are stable (its content table has an INTEGER PRIMARY
-- KEY); the handovers' own rowids are not (VACUUM may renumber them), hence a table keyed by the handover's id.
-- Written beside handover_search by db/queries/handovers.ts (reindexHandover) and db/queries/import.ts.
CREATE TABLE `handover_search_rows` (`handover_id` text PRIMARY KEY NOT NULL, `search_rowid` integer NOT NULL) WITHOUT ROWID;
--> statement-breakpoint
INSERT OR REPLACE INTO `handover_search_rows` (`handover_id`, `search_rowid`) SELECT `handover_id`, `rowid` FROM `handover_search`;
