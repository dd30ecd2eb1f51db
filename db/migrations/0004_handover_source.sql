-- Hand-written instead of drizzle-kit's table rebuild: its INSERT … SELECT read the new columns from the old table,
-- and dropping `handovers` would touch the rows that reference it. ADD COLUMN keeps every row and index as it is.
ALTER TABLE `handovers` ADD `source` text DEFAULT 'app' NOT NULL CONSTRAINT "handovers_source_check" CHECK(`source` IN ('app','import','exchange'));--> statement-breakpoint
ALTER TABLE `handovers` ADD `source_ref` text;
