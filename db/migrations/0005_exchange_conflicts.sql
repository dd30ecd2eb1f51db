-- Office-exchange conflicts get their own table (they were a JSON array in the setting `exchange.conflicts`): each one
-- is resolved by a person ("keep ours" / "take theirs") and stays afterwards as history. No existing table is rebuilt.
CREATE TABLE `exchange_conflicts` (
	`id` text PRIMARY KEY NOT NULL,
	`bundle_id` text NOT NULL,
	`from_office_id` text NOT NULL,
	`from_office_name` text NOT NULL,
	`handover_id` text NOT NULL,
	`reference_no` text NOT NULL,
	`reason` text NOT NULL,
	`side_by_side` text DEFAULT '[]' NOT NULL,
	`incoming` text NOT NULL,
	`received_at` text NOT NULL,
	`resolved_at` text,
	`resolved_by` text,
	`resolution` text,
	`resolution_note` text,
	CONSTRAINT "exchange_conflicts_resolution_check" CHECK("exchange_conflicts"."resolution" IS NULL OR "exchange_conflicts"."resolution" IN ('kept_local','took_incoming')),
	CONSTRAINT "exchange_conflicts_resolved_check" CHECK(("exchange_conflicts"."resolution" IS NULL) = ("exchange_conflicts"."resolved_at" IS NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `exchange_conflicts_bundle_handover_unique` ON `exchange_conflicts` (`bundle_id`,`handover_id`);--> statement-breakpoint
CREATE INDEX `exchange_conflicts_pending_idx` ON `exchange_conflicts` (`resolved_at`,`received_at`);--> statement-breakpoint
-- Conflicts are never lost: no row is ever deleted, and a decision once taken is not rewritten.
CREATE TRIGGER `exchange_conflicts_no_delete` BEFORE DELETE ON `exchange_conflicts` BEGIN SELECT RAISE(ABORT, 'exchange conflicts are never deleted'); END;
--> statement-breakpoint
CREATE TRIGGER `exchange_conflicts_resolved_final` BEFORE UPDATE ON `exchange_conflicts` WHEN OLD.`resolved_at` IS NOT NULL BEGIN SELECT RAISE(ABORT, 'a resolved exchange conflict is final'); END;
--> statement-breakpoint
-- Pending conflicts of older databases move into the table. Each gets a UUIDv7 built from its arrival time
-- (48-bit milliseconds, version 7, variant 10, random rest); the same (bundle, handover) is kept once.
INSERT OR IGNORE INTO `exchange_conflicts` (`id`, `bundle_id`, `from_office_id`, `from_office_name`, `handover_id`, `reference_no`, `reason`, `side_by_side`, `incoming`, `received_at`)
SELECT
	printf('%08x-%04x-7%03x-%04x-%012x', ms >> 16, ms & 65535, random() & 4095, 32768 | (random() & 16383), random() & 281474976710655),
	bundle_id, from_id, from_name, handover_id, reference_no, reason, side_by_side, incoming, received_at
FROM (
	SELECT
		CAST(round((julianday(coalesce(json_extract(e.value, '$.at'), s.updated_at)) - 2440587.5) * 86400000) AS INTEGER) AS ms,
		json_extract(e.value, '$.bundleId') AS bundle_id,
		coalesce(json_extract(e.value, '$.from.id'), '') AS from_id,
		coalesce(json_extract(e.value, '$.from.name'), '') AS from_name,
		json_extract(e.value, '$.handoverId') AS handover_id,
		coalesce(json_extract(e.value, '$.referenceNo'), '') AS reference_no,
		coalesce(json_extract(e.value, '$.reason'), 'io.bundle.diverged') AS reason,
		coalesce(json_extract(e.value, '$.sideBySide'), '[]') AS side_by_side,
		json_extract(e.value, '$.incoming') AS incoming,
		coalesce(json_extract(e.value, '$.at'), s.updated_at) AS received_at,
		e.key AS pos
	FROM `settings` s, json_each(s.`value`) e
	WHERE s.`key` = 'exchange.conflicts' AND json_valid(s.`value`) AND json_type(s.`value`) = 'array'
		AND json_extract(e.value, '$.bundleId') IS NOT NULL AND json_extract(e.value, '$.handoverId') IS NOT NULL
		AND json_type(e.value, '$.incoming') = 'object'
	ORDER BY pos
);
--> statement-breakpoint
-- The setting goes once every entry of it is in the table (an entry that could not be read stays where it was).
DELETE FROM `settings` WHERE `key` = 'exchange.conflicts' AND json_valid(`value`) AND json_type(`value`) = 'array' AND NOT EXISTS (
	SELECT 1 FROM json_each(`settings`.`value`) e
	WHERE NOT EXISTS (SELECT 1 FROM `exchange_conflicts` c WHERE c.`bundle_id` = json_extract(e.value, '$.bundleId') AND c.`handover_id` = json_extract(e.value, '$.handoverId'))
);
