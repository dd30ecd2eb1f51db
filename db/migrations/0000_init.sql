CREATE TABLE `attachments` (
	`id` text PRIMARY KEY NOT NULL,
	`handover_id` text NOT NULL,
	`file_name` text NOT NULL,
	`mime` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`data` blob NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	FOREIGN KEY (`handover_id`) REFERENCES `handovers`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "attachments_mime_check" CHECK("attachments"."mime" IN ('application/pdf','image/jpeg','image/png'))
);
--> statement-breakpoint
CREATE INDEX `attachments_handover_idx` ON `attachments` (`handover_id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text,
	`details` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_entity_idx` ON `audit_log` (`entity`,`entity_id`);--> statement-breakpoint
CREATE TABLE `handover_versions` (
	`handover_id` text NOT NULL,
	`version` integer NOT NULL,
	`content` text NOT NULL,
	`content_hash` text NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	FOREIGN KEY (`handover_id`) REFERENCES `handovers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `handover_versions_pk` ON `handover_versions` (`handover_id`,`version`);--> statement-breakpoint
CREATE TABLE `handovers` (
	`id` text PRIMARY KEY NOT NULL,
	`reference_no` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL,
	`handover_date` text NOT NULL,
	`receiving_country` text NOT NULL,
	`delegation_head_name` text NOT NULL,
	`delegation_head_title` text DEFAULT '' NOT NULL,
	`delegation_body` text DEFAULT '' NOT NULL,
	`delegation_members` text DEFAULT '[]' NOT NULL,
	`handing_authority` text NOT NULL,
	`handing_official_name` text NOT NULL,
	`handing_official_title` text DEFAULT '' NOT NULL,
	`location` text DEFAULT '' NOT NULL,
	`camp` text NOT NULL,
	`camp_other` text DEFAULT '' NOT NULL,
	`women_count` integer DEFAULT 0 NOT NULL,
	`children_count` integer DEFAULT 0 NOT NULL,
	`boys_count` integer DEFAULT 0 NOT NULL,
	`girls_count` integer DEFAULT 0 NOT NULL,
	`unaccompanied_count` integer DEFAULT 0 NOT NULL,
	`men_count` integer DEFAULT 0 NOT NULL,
	`document_languages` text DEFAULT '["ar","en"]' NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`void_reason` text,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	CONSTRAINT "handovers_status_check" CHECK("handovers"."status" IN ('draft','finalized','void')),
	CONSTRAINT "handovers_camp_check" CHECK("handovers"."camp" IN ('al_hol','roj','other')),
	CONSTRAINT "handovers_country_check" CHECK(length("handovers"."receiving_country") = 2 AND "handovers"."receiving_country" = upper("handovers"."receiving_country")),
	CONSTRAINT "handovers_date_check" CHECK("handovers"."handover_date" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "handovers_counts_check" CHECK(typeof("handovers"."women_count") = 'integer' AND "handovers"."women_count" >= 0
        AND typeof("handovers"."children_count") = 'integer' AND "handovers"."children_count" >= 0
        AND typeof("handovers"."boys_count") = 'integer' AND "handovers"."boys_count" >= 0
        AND typeof("handovers"."girls_count") = 'integer' AND "handovers"."girls_count" >= 0
        AND typeof("handovers"."unaccompanied_count") = 'integer' AND "handovers"."unaccompanied_count" >= 0
        AND typeof("handovers"."men_count") = 'integer' AND "handovers"."men_count" >= 0),
	CONSTRAINT "handovers_split_check" CHECK("handovers"."boys_count" + "handovers"."girls_count" <= "handovers"."children_count" AND "handovers"."unaccompanied_count" <= "handovers"."children_count"),
	CONSTRAINT "handovers_version_check" CHECK("handovers"."version" >= 1 AND "handovers"."revision" >= 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `handovers_reference_no_unique` ON `handovers` (`reference_no`);--> statement-breakpoint
CREATE INDEX `handovers_date_idx` ON `handovers` (`handover_date`);--> statement-breakpoint
CREATE INDEX `handovers_country_date_idx` ON `handovers` (`receiving_country`,`handover_date`);--> statement-breakpoint
CREATE INDEX `handovers_status_idx` ON `handovers` (`status`,`handover_date`);--> statement-breakpoint
CREATE TABLE `persons` (
	`id` text PRIMARY KEY NOT NULL,
	`handover_id` text NOT NULL,
	`position` integer NOT NULL,
	`full_name_ar` text DEFAULT '' NOT NULL,
	`full_name_latin` text DEFAULT '' NOT NULL,
	`sex` text NOT NULL,
	`birth_year` integer,
	`birth_date` text,
	`category` text NOT NULL,
	`mother_id` text,
	`camp` text DEFAULT '' NOT NULL,
	`id_document_no` text DEFAULT '' NOT NULL,
	`unaccompanied` integer DEFAULT false NOT NULL,
	`consent_recorded` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`handover_id`) REFERENCES `handovers`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "persons_category_check" CHECK("persons"."category" IN ('woman','child','man')),
	CONSTRAINT "persons_sex_check" CHECK("persons"."sex" IN ('f','m'))
);
--> statement-breakpoint
CREATE INDEX `persons_handover_idx` ON `persons` (`handover_id`,`position`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text NOT NULL
);
