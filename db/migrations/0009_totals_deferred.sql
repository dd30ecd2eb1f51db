-- A bulk writer (the spreadsheet import) may add up its own rows per bucket and write each bucket of the totals
-- summaries once, instead of two upserts per row by trigger: it inserts a row here inside its write transaction,
-- writes, upserts its buckets and deletes the row before committing. The insert trigger of 0007 skips while the row
-- exists; the update trigger is unchanged (a bulk write only inserts). Hand-written like 0006/0007.
CREATE TABLE `handover_totals_deferred` (
	`one` integer PRIMARY KEY NOT NULL
);
--> statement-breakpoint
DROP TRIGGER `handover_totals_insert`;
--> statement-breakpoint
CREATE TRIGGER `handover_totals_insert` AFTER INSERT ON `handovers`
WHEN NOT EXISTS (SELECT 1 FROM `handover_totals_deferred`)
BEGIN
	INSERT INTO `handover_month_totals` VALUES (NEW.`status`, substr(NEW.`handover_date`, 1, 7), NEW.`receiving_country`, NEW.`camp`, 1,
		NEW.`women_count`, NEW.`children_count`, NEW.`boys_count`, NEW.`girls_count`, NEW.`unaccompanied_count`, NEW.`men_count`, NEW.`handover_date`, NEW.`handover_date`)
	ON CONFLICT DO UPDATE SET `handovers` = `handovers` + 1, `women` = `women` + excluded.`women`, `children` = `children` + excluded.`children`,
		`boys` = `boys` + excluded.`boys`, `girls` = `girls` + excluded.`girls`, `unaccompanied` = `unaccompanied` + excluded.`unaccompanied`,
		`men` = `men` + excluded.`men`, `first` = min(`first`, excluded.`first`), `last` = max(`last`, excluded.`last`);
	INSERT INTO `handover_year_totals` VALUES (NEW.`status`, substr(NEW.`handover_date`, 1, 4), NEW.`receiving_country`, NEW.`camp`, 1,
		NEW.`women_count`, NEW.`children_count`, NEW.`boys_count`, NEW.`girls_count`, NEW.`unaccompanied_count`, NEW.`men_count`, NEW.`handover_date`, NEW.`handover_date`)
	ON CONFLICT DO UPDATE SET `handovers` = `handovers` + 1, `women` = `women` + excluded.`women`, `children` = `children` + excluded.`children`,
		`boys` = `boys` + excluded.`boys`, `girls` = `girls` + excluded.`girls`, `unaccompanied` = `unaccompanied` + excluded.`unaccompanied`,
		`men` = `men` + excluded.`men`, `first` = min(`first`, excluded.`first`), `last` = max(`last`, excluded.`last`);
END;
