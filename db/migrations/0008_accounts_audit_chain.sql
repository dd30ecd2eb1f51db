CREATE TABLE `accounts` (
	`id` text PRIMARY KEY NOT NULL,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text NOT NULL,
	`disabled` integer DEFAULT false NOT NULL,
	`failed_attempts` integer DEFAULT 0 NOT NULL,
	`locked_until` text,
	`last_sign_in_at` text,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` text NOT NULL,
	CONSTRAINT "accounts_role_check" CHECK("accounts"."role" IN ('administrator','registrar','viewer')),
	CONSTRAINT "accounts_username_check" CHECK("accounts"."username" = lower("accounts"."username") AND length("accounts"."username") BETWEEN 2 AND 64 AND instr("accounts"."username", ':') = 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `accounts_username_unique` ON `accounts` (`username`);--> statement-breakpoint
ALTER TABLE `audit_log` ADD `prev_hash` text;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `hash` text;--> statement-breakpoint
CREATE INDEX `audit_actor_idx` ON `audit_log` (`actor`,`id`);--> statement-breakpoint
CREATE INDEX `audit_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
-- Accounts are disabled, never deleted: audit entries keep naming them.
CREATE TRIGGER `accounts_no_delete` BEFORE DELETE ON `accounts` BEGIN SELECT RAISE(ABORT, 'accounts are never deleted'); END;--> statement-breakpoint
-- Every new entry arrives chained (db/queries/audit.ts computes the hash in the same transaction).
CREATE TRIGGER `audit_log_chained_insert` BEFORE INSERT ON `audit_log` WHEN NEW.`hash` IS NULL OR NEW.`prev_hash` IS NULL BEGIN SELECT RAISE(ABORT, 'audit entries must be chained'); END;--> statement-breakpoint
-- Entries written before the chain existed are sealed once, at the next start (services/audit/seal.ts): the only
-- update allowed fills a missing hash and changes nothing else.
DROP TRIGGER `audit_log_no_update`;--> statement-breakpoint
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log` WHEN NOT (
  OLD.`hash` IS NULL AND NEW.`hash` IS NOT NULL AND NEW.`prev_hash` IS NOT NULL AND NEW.`id` = OLD.`id` AND NEW.`at` IS OLD.`at`
  AND NEW.`actor` IS OLD.`actor` AND NEW.`action` IS OLD.`action` AND NEW.`entity` IS OLD.`entity`
  AND NEW.`entity_id` IS OLD.`entity_id` AND NEW.`details` IS OLD.`details`
) BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
