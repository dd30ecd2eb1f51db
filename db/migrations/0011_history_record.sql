-- The record as the public record writes it (issue 10). Hand-written ADD COLUMN: the no-delete trigger and the rows
-- that reference `handovers` forbid drizzle-kit's table rebuild (see 0004).
-- A date known only to the month or year is stored as its first day, its precision beside it (null: a day).
ALTER TABLE `handovers` ADD `date_precision` text CONSTRAINT "handovers_date_precision_check" CHECK(`date_precision` IS NULL OR (`date_precision` = 'month' AND `handover_date` LIKE '%-01') OR (`date_precision` = 'year' AND `handover_date` LIKE '%-01-01'));--> statement-breakpoint
-- The parties' names in the other script (Arabic ↔ Latin), for each half of the bilingual protocol.
ALTER TABLE `handovers` ADD `delegation_head_name_latin` text;--> statement-breakpoint
ALTER TABLE `handovers` ADD `handing_official_name_latin` text;--> statement-breakpoint
-- Provenance: the sheet's `source` cell (content), and the file name and row an import read the record from.
ALTER TABLE `handovers` ADD `source_note` text;--> statement-breakpoint
ALTER TABLE `handovers` ADD `source_file` text;--> statement-breakpoint
ALTER TABLE `handovers` ADD `source_row` integer;--> statement-breakpoint
CREATE INDEX `handovers_incomplete_idx` ON `handovers` (`status`,`handover_date`) WHERE ("handovers"."delegation_head_name" = '' OR "handovers"."handing_authority" = '' OR "handovers"."handing_official_name" = '' OR ("handovers"."camp" = 'other' AND "handovers"."camp_other" = ''));
