-- Full-text index over normalized text (see db/search-text.ts); kept in step by db/queries/handovers.ts.
CREATE VIRTUAL TABLE `handover_search` USING fts5(handover_id UNINDEXED, body, tokenize = 'unicode61 remove_diacritics 2');
--> statement-breakpoint
-- Records are never hard-deleted, versions never change, and the audit log is append-only, whatever the caller.
CREATE TRIGGER `handovers_no_delete` BEFORE DELETE ON `handovers` BEGIN SELECT RAISE(ABORT, 'handovers are never deleted'); END;
--> statement-breakpoint
CREATE TRIGGER `handover_versions_no_update` BEFORE UPDATE ON `handover_versions` BEGIN SELECT RAISE(ABORT, 'versions are immutable'); END;
--> statement-breakpoint
CREATE TRIGGER `handover_versions_no_delete` BEFORE DELETE ON `handover_versions` BEGIN SELECT RAISE(ABORT, 'versions are immutable'); END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log` BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log` BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
