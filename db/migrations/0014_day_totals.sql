-- Per-day figures per bucket (status × country × camp), a row only where the bucket has handovers that day, replacing
-- the running sums of 0013: those cost up to ~175 row updates for one write at an old date and still read several rows
-- per bucket with a plan slower than the summaries they were to beat. A day-level range is now answered in the
-- process from each bucket's days and their running sums, loaded from this table when first asked and reloaded only
-- when the bucket's `revision` in handover_all_totals has changed (db/queries/range-totals.ts); every write sets it to
-- random(), inside the same trigger, so a cached bucket can never outlive a change by any connection. Kept by the same
-- triggers as the other summaries (0006, 0007, 0010; hand-written: drizzle-kit writes neither WITHOUT ROWID nor triggers).
DROP TABLE `handover_day_sums`;
--> statement-breakpoint
DROP TABLE `handover_month_sums`;
--> statement-breakpoint
CREATE TABLE `handover_day_totals` (
	`status` text NOT NULL,
	`receiving_country` text NOT NULL,
	`camp` text NOT NULL,
	`day` text NOT NULL,
	`handovers` integer NOT NULL,
	`women` integer NOT NULL,
	`children` integer NOT NULL,
	`boys` integer NOT NULL,
	`girls` integer NOT NULL,
	`unaccompanied` integer NOT NULL,
	`men` integer NOT NULL,
	PRIMARY KEY(`status`, `receiving_country`, `camp`, `day`)
) WITHOUT ROWID;
--> statement-breakpoint
ALTER TABLE `handover_all_totals` ADD `revision` integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
UPDATE `handover_all_totals` SET `revision` = random();
--> statement-breakpoint
DROP TRIGGER `handover_totals_insert`;
--> statement-breakpoint
DROP TRIGGER `handover_totals_update`;
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
	INSERT INTO `handover_all_totals` VALUES (NEW.`status`, NEW.`receiving_country`, NEW.`camp`, 1,
		NEW.`women_count`, NEW.`children_count`, NEW.`boys_count`, NEW.`girls_count`, NEW.`unaccompanied_count`, NEW.`men_count`, NEW.`handover_date`, NEW.`handover_date`, random())
	ON CONFLICT DO UPDATE SET `revision` = excluded.`revision`, `handovers` = `handovers` + 1, `women` = `women` + excluded.`women`, `children` = `children` + excluded.`children`,
		`boys` = `boys` + excluded.`boys`, `girls` = `girls` + excluded.`girls`, `unaccompanied` = `unaccompanied` + excluded.`unaccompanied`,
		`men` = `men` + excluded.`men`, `first` = min(`first`, excluded.`first`), `last` = max(`last`, excluded.`last`);
	INSERT INTO `handover_day_totals` VALUES (NEW.`status`, NEW.`receiving_country`, NEW.`camp`, NEW.`handover_date`, 1,
		NEW.`women_count`, NEW.`children_count`, NEW.`boys_count`, NEW.`girls_count`, NEW.`unaccompanied_count`, NEW.`men_count`)
	ON CONFLICT DO UPDATE SET `handovers` = `handovers` + 1, `women` = `women` + excluded.`women`, `children` = `children` + excluded.`children`, `boys` = `boys` + excluded.`boys`, `girls` = `girls` + excluded.`girls`, `unaccompanied` = `unaccompanied` + excluded.`unaccompanied`, `men` = `men` + excluded.`men`;
END;
--> statement-breakpoint
CREATE TRIGGER `handover_totals_update` AFTER UPDATE ON `handovers`
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
	UPDATE `handover_year_totals` SET `handovers` = `handovers` - 1, `women` = `women` - OLD.`women_count`, `children` = `children` - OLD.`children_count`,
		`boys` = `boys` - OLD.`boys_count`, `girls` = `girls` - OLD.`girls_count`, `unaccompanied` = `unaccompanied` - OLD.`unaccompanied_count`,
		`men` = `men` - OLD.`men_count`,
		`first` = CASE WHEN `first` < OLD.`handover_date` THEN `first` ELSE coalesce((SELECT min(m.`first`) FROM `handover_month_totals` m
			WHERE m.`status` = OLD.`status` AND m.`month` BETWEEN substr(OLD.`handover_date`, 1, 4) || '-01' AND substr(OLD.`handover_date`, 1, 4) || '-12'
			AND m.`receiving_country` = OLD.`receiving_country` AND m.`camp` = OLD.`camp`), `first`) END,
		`last` = CASE WHEN `last` > OLD.`handover_date` THEN `last` ELSE coalesce((SELECT max(m.`last`) FROM `handover_month_totals` m
			WHERE m.`status` = OLD.`status` AND m.`month` BETWEEN substr(OLD.`handover_date`, 1, 4) || '-01' AND substr(OLD.`handover_date`, 1, 4) || '-12'
			AND m.`receiving_country` = OLD.`receiving_country` AND m.`camp` = OLD.`camp`), `last`) END
	WHERE `status` = OLD.`status` AND `year` = substr(OLD.`handover_date`, 1, 4) AND `receiving_country` = OLD.`receiving_country` AND `camp` = OLD.`camp`;
	DELETE FROM `handover_year_totals` WHERE `status` = OLD.`status` AND `year` = substr(OLD.`handover_date`, 1, 4)
		AND `receiving_country` = OLD.`receiving_country` AND `camp` = OLD.`camp` AND `handovers` = 0;
	UPDATE `handover_all_totals` SET `revision` = random(), `handovers` = `handovers` - 1, `women` = `women` - OLD.`women_count`, `children` = `children` - OLD.`children_count`,
		`boys` = `boys` - OLD.`boys_count`, `girls` = `girls` - OLD.`girls_count`, `unaccompanied` = `unaccompanied` - OLD.`unaccompanied_count`,
		`men` = `men` - OLD.`men_count`,
		`first` = CASE WHEN `first` < OLD.`handover_date` THEN `first` ELSE coalesce((SELECT min(y.`first`) FROM `handover_year_totals` y
			WHERE y.`status` = OLD.`status` AND y.`receiving_country` = OLD.`receiving_country` AND y.`camp` = OLD.`camp`), `first`) END,
		`last` = CASE WHEN `last` > OLD.`handover_date` THEN `last` ELSE coalesce((SELECT max(y.`last`) FROM `handover_year_totals` y
			WHERE y.`status` = OLD.`status` AND y.`receiving_country` = OLD.`receiving_country` AND y.`camp` = OLD.`camp`), `last`) END
	WHERE `status` = OLD.`status` AND `receiving_country` = OLD.`receiving_country` AND `camp` = OLD.`camp`;
	DELETE FROM `handover_all_totals` WHERE `status` = OLD.`status` AND `receiving_country` = OLD.`receiving_country` AND `camp` = OLD.`camp`
		AND `handovers` = 0;
	UPDATE `handover_day_totals` SET `handovers` = `handovers` - 1, `women` = `women` - OLD.`women_count`, `children` = `children` - OLD.`children_count`, `boys` = `boys` - OLD.`boys_count`, `girls` = `girls` - OLD.`girls_count`, `unaccompanied` = `unaccompanied` - OLD.`unaccompanied_count`, `men` = `men` - OLD.`men_count`
		WHERE `status` = OLD.`status` AND `receiving_country` = OLD.`receiving_country` AND `camp` = OLD.`camp` AND `day` = OLD.`handover_date`;
	DELETE FROM `handover_day_totals` WHERE `status` = OLD.`status` AND `receiving_country` = OLD.`receiving_country` AND `camp` = OLD.`camp` AND `day` = OLD.`handover_date` AND `handovers` = 0;
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
	INSERT INTO `handover_all_totals` VALUES (NEW.`status`, NEW.`receiving_country`, NEW.`camp`, 1,
		NEW.`women_count`, NEW.`children_count`, NEW.`boys_count`, NEW.`girls_count`, NEW.`unaccompanied_count`, NEW.`men_count`, NEW.`handover_date`, NEW.`handover_date`, random())
	ON CONFLICT DO UPDATE SET `revision` = excluded.`revision`, `handovers` = `handovers` + 1, `women` = `women` + excluded.`women`, `children` = `children` + excluded.`children`,
		`boys` = `boys` + excluded.`boys`, `girls` = `girls` + excluded.`girls`, `unaccompanied` = `unaccompanied` + excluded.`unaccompanied`,
		`men` = `men` + excluded.`men`, `first` = min(`first`, excluded.`first`), `last` = max(`last`, excluded.`last`);
	INSERT INTO `handover_day_totals` VALUES (NEW.`status`, NEW.`receiving_country`, NEW.`camp`, NEW.`handover_date`, 1,
		NEW.`women_count`, NEW.`children_count`, NEW.`boys_count`, NEW.`girls_count`, NEW.`unaccompanied_count`, NEW.`men_count`)
	ON CONFLICT DO UPDATE SET `handovers` = `handovers` + 1, `women` = `women` + excluded.`women`, `children` = `children` + excluded.`children`, `boys` = `boys` + excluded.`boys`, `girls` = `girls` + excluded.`girls`, `unaccompanied` = `unaccompanied` + excluded.`unaccompanied`, `men` = `men` + excluded.`men`;
END;
--> statement-breakpoint
INSERT INTO `handover_day_totals`
SELECT `status`, `receiving_country`, `camp`, `handover_date`, count(*), sum(`women_count`), sum(`children_count`), sum(`boys_count`),
	sum(`girls_count`), sum(`unaccompanied_count`), sum(`men_count`)
FROM `handovers` GROUP BY 1, 2, 3, 4;
