CREATE TABLE `handwritten_signatures` (
	`id` text PRIMARY KEY NOT NULL,
	`handover_id` text NOT NULL,
	`role` text NOT NULL,
	`signer_name` text NOT NULL,
	`signer_title` text DEFAULT '' NOT NULL,
	`signed_at` text NOT NULL,
	`image` blob NOT NULL,
	`content_hash` text NOT NULL,
	`created_by` text NOT NULL,
	FOREIGN KEY (`handover_id`) REFERENCES `handovers`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "handwritten_signatures_role_check" CHECK("handwritten_signatures"."role" IN ('handing_official','delegation_head','witness'))
);
--> statement-breakpoint
CREATE INDEX `handwritten_signatures_handover_idx` ON `handwritten_signatures` (`handover_id`,`signed_at`);--> statement-breakpoint
CREATE TABLE `signing_identities` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`subject` text NOT NULL,
	`fingerprint` text NOT NULL,
	`cert_pem` text NOT NULL,
	`ca_cert_pem` text NOT NULL,
	`not_after` text NOT NULL,
	`vault` text NOT NULL,
	`sealed` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	CONSTRAINT "signing_identities_kind_check" CHECK("signing_identities"."kind" IN ('generated','imported'))
);
--> statement-breakpoint
CREATE INDEX `signing_identities_active_idx` ON `signing_identities` (`active`,`created_at`);