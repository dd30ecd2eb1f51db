-- Per-country totals per (status, month, country, camp), kept by triggers in the transaction of every write to
-- `handovers` (record, amend, void, import, exchange merge): the totals query reads this instead of the whole table.
-- Hand-written: drizzle-kit writes neither WITHOUT ROWID nor triggers.
CREATE TABLE `handover_month_totals` (
	`status` text NOT NULL,
	`month` text NOT NULL,
	`receiving_country` text NOT NULL,
	`camp` text NOT NULL,
	`handovers` integer NOT NULL,
	`women` integer NOT NULL,
	`children` integer NOT NULL,
	`boys` integer NOT NULL,
	`girls` integer NOT NULL,
	`unaccompanied` integer NOT NULL,
	`men` integer NOT NULL,
	`first` text NOT NULL,
	`last` text NOT NULL,
	PRIMARY KEY(`status`, `month`, `receiving_country`, `camp`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TRIGGER `handover_month_totals_insert` AFTER INSERT ON `handovers` BEGIN
	INSERT INTO `handover_month_totals` VALUES (NEW.`status`, substr(NEW.`handover_date`, 1, 7), NEW.`receiving_country`, NEW.`camp`, 1,
		NEW.`women_count`, NEW.`children_count`, NEW.`boys_count`, NEW.`girls_count`, NEW.`unaccompanied_count`, NEW.`men_count`, NEW.`handover_date`, NEW.`handover_date`)
	ON CONFLICT DO UPDATE SET `handovers` = `handovers` + 1, `women` = `women` + excluded.`women`, `children` = `children` + excluded.`children`,
		`boys` = `boys` + excluded.`boys`, `girls` = `girls` + excluded.`girls`, `unaccompanied` = `unaccompanied` + excluded.`unaccompanied`,
		`men` = `men` + excluded.`men`, `first` = min(`first`, excluded.`first`), `last` = max(`last`, excluded.`last`);
END;
--> statement-breakpoint
-- A row that leaves its bucket takes its figures along; when it held the bucket's first or last date, that date is
-- looked up again among the bucket's remaining rows (one month of one status, through handovers_totals_idx). An
-- emptied bucket is removed.
CREATE TRIGGER `handover_month_totals_update` AFTER UPDATE ON `handovers`
WHEN OLD.`status` IS NOT NEW.`status` OR OLD.`handover_date` IS NOT NEW.`handover_date` OR OLD.`receiving_country` IS NOT NEW.`receiving_country`
	OR OLD.`camp` IS NOT NEW.`camp` OR OLD.`women_count` IS NOT NEW.`women_count` OR OLD.`children_count` IS NOT NEW.`children_count`
	OR OLD.`boys_count` IS NOT NEW.`boys_count` OR OLD.`girls_count` IS NOT NEW.`girls_count`
	OR OLD.`unaccompanied_count` IS NOT NEW.`unaccompanied_count` OR OLD.`men_count` IS NOT NEW.`men_count`
BEGIN
	UPDATE `handover_month_totals` SET `handovers` = `handovers` - 1, `women` = `women` - OLD.`women_count`, `children` = `children` - OLD.`children_count`,
		`boys` = `boys` - OLD.`boys_count`, `girls` = `girls` - OLD.`girls_count`, `unaccompanied` = `unaccompanied` - OLD.`unaccompanied_count`,
		`men` = `men` - OLD.`men_count`,
		`first` = CASE WHEN `first` < OLD.`handover_date` THEN `first` ELSE coalesce((SELECT min(h.`handover_date`) FROM `handovers` h
			WHERE h.`status` = OLD.`status` AND h.`handover_date` BETWEEN substr(OLD.`handover_date`, 1, 7) || '-01' AND substr(OLD.`handover_date`, 1, 7) || '-31'
			AND h.`receiving_country` = OLD.`receiving_country` AND h.`camp` = OLD.`camp`), `first`) END,
		`last` = CASE WHEN `last` > OLD.`handover_date` THEN `last` ELSE coalesce((SELECT max(h.`handover_date`) FROM `handovers` h
			WHERE h.`status` = OLD.`status` AND h.`handover_date` BETWEEN substr(OLD.`handover_date`, 1, 7) || '-01' AND substr(OLD.`handover_date`, 1, 7) || '-31'
			AND h.`receiving_country` = OLD.`receiving_country` AND h.`camp` = OLD.`camp`), `last`) END
	WHERE `status` = OLD.`status` AND `month` = substr(OLD.`handover_date`, 1, 7) AND `receiving_country` = OLD.`receiving_country` AND `camp` = OLD.`camp`;
	DELETE FROM `handover_month_totals` WHERE `status` = OLD.`status` AND `month` = substr(OLD.`handover_date`, 1, 7)
		AND `receiving_country` = OLD.`receiving_country` AND `camp` = OLD.`camp` AND `handovers` = 0;
	INSERT INTO `handover_month_totals` VALUES (NEW.`status`, substr(NEW.`handover_date`, 1, 7), NEW.`receiving_country`, NEW.`camp`, 1,
		NEW.`women_count`, NEW.`children_count`, NEW.`boys_count`, NEW.`girls_count`, NEW.`unaccompanied_count`, NEW.`men_count`, NEW.`handover_date`, NEW.`handover_date`)
	ON CONFLICT DO UPDATE SET `handovers` = `handovers` + 1, `women` = `women` + excluded.`women`, `children` = `children` + excluded.`children`,
		`boys` = `boys` + excluded.`boys`, `girls` = `girls` + excluded.`girls`, `unaccompanied` = `unaccompanied` + excluded.`unaccompanied`,
		`men` = `men` + excluded.`men`, `first` = min(`first`, excluded.`first`), `last` = max(`last`, excluded.`last`);
END;
--> statement-breakpoint
-- The summary of the records already there (the same statement as rebuildMonthTotals in db/queries/month-totals.ts).
INSERT INTO `handover_month_totals`
SELECT `status`, substr(`handover_date`, 1, 7), `receiving_country`, `camp`, count(*), sum(`women_count`), sum(`children_count`), sum(`boys_count`),
	sum(`girls_count`), sum(`unaccompanied_count`), sum(`men_count`), min(`handover_date`), max(`handover_date`)
FROM `handovers` GROUP BY 1, 2, 3, 4;
