-- Running sums per bucket (status × country × camp): per month, everything of the bucket up to and including that
-- month; per day, everything of the day's month up to and including that day; a row only where the bucket has
-- handovers in that month or on that day. The figures before any date are then the bucket's latest month row before
-- the date's month plus its latest day row before the date in that month, so a day-level range reads a few rows per
-- bucket however many handovers there are (db/queries/totals.ts). Kept by the same triggers as the totals summaries
-- (0006, 0007, 0010): a write adds its figures to its period and every later one (at most the months of the history
-- and the days of one month); a row that leaves takes them along, and its month or day row goes when no handover is
-- left there. Hand-written like 0006/0007 (drizzle-kit writes neither WITHOUT ROWID nor triggers).
CREATE TABLE `handover_day_sums` (
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
CREATE TABLE `handover_month_sums` (
	`status` text NOT NULL,
	`receiving_country` text NOT NULL,
	`camp` text NOT NULL,
	`month` text NOT NULL,
	`handovers` integer NOT NULL,
	`women` integer NOT NULL,
	`children` integer NOT NULL,
	`boys` integer NOT NULL,
	`girls` integer NOT NULL,
	`unaccompanied` integer NOT NULL,
	`men` integer NOT NULL,
	PRIMARY KEY(`status`, `receiving_country`, `camp`, `month`)
) WITHOUT ROWID;
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
		NEW.`women_count`, NEW.`children_count`, NEW.`boys_count`, NEW.`girls_count`, NEW.`unaccompanied_count`, NEW.`men_count`, NEW.`handover_date`, NEW.`handover_date`)
	ON CONFLICT DO UPDATE SET `handovers` = `handovers` + 1, `women` = `women` + excluded.`women`, `children` = `children` + excluded.`children`,
		`boys` = `boys` + excluded.`boys`, `girls` = `girls` + excluded.`girls`, `unaccompanied` = `unaccompanied` + excluded.`unaccompanied`,
		`men` = `men` + excluded.`men`, `first` = min(`first`, excluded.`first`), `last` = max(`last`, excluded.`last`);
	INSERT INTO `handover_month_sums` SELECT NEW.`status`, NEW.`receiving_country`, NEW.`camp`, substr(NEW.`handover_date`, 1, 7), coalesce(p.`handovers`, 0), coalesce(p.`women`, 0), coalesce(p.`children`, 0), coalesce(p.`boys`, 0), coalesce(p.`girls`, 0), coalesce(p.`unaccompanied`, 0), coalesce(p.`men`, 0)
		FROM (SELECT 1) LEFT JOIN `handover_month_sums` p ON p.`status` = NEW.`status` AND p.`receiving_country` = NEW.`receiving_country` AND p.`camp` = NEW.`camp`
			AND p.`month` = (SELECT max(`month`) FROM `handover_month_sums` WHERE `status` = NEW.`status` AND `receiving_country` = NEW.`receiving_country` AND `camp` = NEW.`camp` AND `month` < substr(NEW.`handover_date`, 1, 7))
		WHERE true ON CONFLICT DO NOTHING;
	UPDATE `handover_month_sums` SET `handovers` = `handovers` + 1, `women` = `women` + NEW.`women_count`, `children` = `children` + NEW.`children_count`, `boys` = `boys` + NEW.`boys_count`, `girls` = `girls` + NEW.`girls_count`, `unaccompanied` = `unaccompanied` + NEW.`unaccompanied_count`, `men` = `men` + NEW.`men_count`
		WHERE `status` = NEW.`status` AND `receiving_country` = NEW.`receiving_country` AND `camp` = NEW.`camp` AND `month` >= substr(NEW.`handover_date`, 1, 7);
	INSERT INTO `handover_day_sums` SELECT NEW.`status`, NEW.`receiving_country`, NEW.`camp`, NEW.`handover_date`, coalesce(p.`handovers`, 0), coalesce(p.`women`, 0), coalesce(p.`children`, 0), coalesce(p.`boys`, 0), coalesce(p.`girls`, 0), coalesce(p.`unaccompanied`, 0), coalesce(p.`men`, 0)
		FROM (SELECT 1) LEFT JOIN `handover_day_sums` p ON p.`status` = NEW.`status` AND p.`receiving_country` = NEW.`receiving_country` AND p.`camp` = NEW.`camp`
			AND p.`day` = (SELECT max(`day`) FROM `handover_day_sums` WHERE `status` = NEW.`status` AND `receiving_country` = NEW.`receiving_country` AND `camp` = NEW.`camp` AND `day` >= substr(NEW.`handover_date`, 1, 7) || '-01' AND `day` < NEW.`handover_date`)
		WHERE true ON CONFLICT DO NOTHING;
	UPDATE `handover_day_sums` SET `handovers` = `handovers` + 1, `women` = `women` + NEW.`women_count`, `children` = `children` + NEW.`children_count`, `boys` = `boys` + NEW.`boys_count`, `girls` = `girls` + NEW.`girls_count`, `unaccompanied` = `unaccompanied` + NEW.`unaccompanied_count`, `men` = `men` + NEW.`men_count`
		WHERE `status` = NEW.`status` AND `receiving_country` = NEW.`receiving_country` AND `camp` = NEW.`camp` AND `day` BETWEEN NEW.`handover_date` AND substr(NEW.`handover_date`, 1, 7) || '-31';
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
	UPDATE `handover_all_totals` SET `handovers` = `handovers` - 1, `women` = `women` - OLD.`women_count`, `children` = `children` - OLD.`children_count`,
		`boys` = `boys` - OLD.`boys_count`, `girls` = `girls` - OLD.`girls_count`, `unaccompanied` = `unaccompanied` - OLD.`unaccompanied_count`,
		`men` = `men` - OLD.`men_count`,
		`first` = CASE WHEN `first` < OLD.`handover_date` THEN `first` ELSE coalesce((SELECT min(y.`first`) FROM `handover_year_totals` y
			WHERE y.`status` = OLD.`status` AND y.`receiving_country` = OLD.`receiving_country` AND y.`camp` = OLD.`camp`), `first`) END,
		`last` = CASE WHEN `last` > OLD.`handover_date` THEN `last` ELSE coalesce((SELECT max(y.`last`) FROM `handover_year_totals` y
			WHERE y.`status` = OLD.`status` AND y.`receiving_country` = OLD.`receiving_country` AND y.`camp` = OLD.`camp`), `last`) END
	WHERE `status` = OLD.`status` AND `receiving_country` = OLD.`receiving_country` AND `camp` = OLD.`camp`;
	DELETE FROM `handover_all_totals` WHERE `status` = OLD.`status` AND `receiving_country` = OLD.`receiving_country` AND `camp` = OLD.`camp`
		AND `handovers` = 0;
	UPDATE `handover_month_sums` SET `handovers` = `handovers` - 1, `women` = `women` - OLD.`women_count`, `children` = `children` - OLD.`children_count`, `boys` = `boys` - OLD.`boys_count`, `girls` = `girls` - OLD.`girls_count`, `unaccompanied` = `unaccompanied` - OLD.`unaccompanied_count`, `men` = `men` - OLD.`men_count`
		WHERE `status` = OLD.`status` AND `receiving_country` = OLD.`receiving_country` AND `camp` = OLD.`camp` AND `month` >= substr(OLD.`handover_date`, 1, 7);
	DELETE FROM `handover_month_sums` WHERE `status` = OLD.`status` AND `receiving_country` = OLD.`receiving_country` AND `camp` = OLD.`camp` AND `month` = substr(OLD.`handover_date`, 1, 7)
		AND NOT EXISTS (SELECT 1 FROM `handover_month_totals` t WHERE t.`status` = OLD.`status` AND t.`receiving_country` = OLD.`receiving_country` AND t.`camp` = OLD.`camp` AND t.`month` = substr(OLD.`handover_date`, 1, 7));
	UPDATE `handover_day_sums` SET `handovers` = `handovers` - 1, `women` = `women` - OLD.`women_count`, `children` = `children` - OLD.`children_count`, `boys` = `boys` - OLD.`boys_count`, `girls` = `girls` - OLD.`girls_count`, `unaccompanied` = `unaccompanied` - OLD.`unaccompanied_count`, `men` = `men` - OLD.`men_count`
		WHERE `status` = OLD.`status` AND `receiving_country` = OLD.`receiving_country` AND `camp` = OLD.`camp` AND `day` BETWEEN OLD.`handover_date` AND substr(OLD.`handover_date`, 1, 7) || '-31';
	DELETE FROM `handover_day_sums` WHERE `status` = OLD.`status` AND `receiving_country` = OLD.`receiving_country` AND `camp` = OLD.`camp` AND `day` = OLD.`handover_date`
		AND NOT EXISTS (SELECT 1 FROM `handovers` h WHERE h.`status` = OLD.`status` AND h.`receiving_country` = OLD.`receiving_country` AND h.`camp` = OLD.`camp` AND h.`handover_date` = OLD.`handover_date`);
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
		NEW.`women_count`, NEW.`children_count`, NEW.`boys_count`, NEW.`girls_count`, NEW.`unaccompanied_count`, NEW.`men_count`, NEW.`handover_date`, NEW.`handover_date`)
	ON CONFLICT DO UPDATE SET `handovers` = `handovers` + 1, `women` = `women` + excluded.`women`, `children` = `children` + excluded.`children`,
		`boys` = `boys` + excluded.`boys`, `girls` = `girls` + excluded.`girls`, `unaccompanied` = `unaccompanied` + excluded.`unaccompanied`,
		`men` = `men` + excluded.`men`, `first` = min(`first`, excluded.`first`), `last` = max(`last`, excluded.`last`);
	INSERT INTO `handover_month_sums` SELECT NEW.`status`, NEW.`receiving_country`, NEW.`camp`, substr(NEW.`handover_date`, 1, 7), coalesce(p.`handovers`, 0), coalesce(p.`women`, 0), coalesce(p.`children`, 0), coalesce(p.`boys`, 0), coalesce(p.`girls`, 0), coalesce(p.`unaccompanied`, 0), coalesce(p.`men`, 0)
		FROM (SELECT 1) LEFT JOIN `handover_month_sums` p ON p.`status` = NEW.`status` AND p.`receiving_country` = NEW.`receiving_country` AND p.`camp` = NEW.`camp`
			AND p.`month` = (SELECT max(`month`) FROM `handover_month_sums` WHERE `status` = NEW.`status` AND `receiving_country` = NEW.`receiving_country` AND `camp` = NEW.`camp` AND `month` < substr(NEW.`handover_date`, 1, 7))
		WHERE true ON CONFLICT DO NOTHING;
	UPDATE `handover_month_sums` SET `handovers` = `handovers` + 1, `women` = `women` + NEW.`women_count`, `children` = `children` + NEW.`children_count`, `boys` = `boys` + NEW.`boys_count`, `girls` = `girls` + NEW.`girls_count`, `unaccompanied` = `unaccompanied` + NEW.`unaccompanied_count`, `men` = `men` + NEW.`men_count`
		WHERE `status` = NEW.`status` AND `receiving_country` = NEW.`receiving_country` AND `camp` = NEW.`camp` AND `month` >= substr(NEW.`handover_date`, 1, 7);
	INSERT INTO `handover_day_sums` SELECT NEW.`status`, NEW.`receiving_country`, NEW.`camp`, NEW.`handover_date`, coalesce(p.`handovers`, 0), coalesce(p.`women`, 0), coalesce(p.`children`, 0), coalesce(p.`boys`, 0), coalesce(p.`girls`, 0), coalesce(p.`unaccompanied`, 0), coalesce(p.`men`, 0)
		FROM (SELECT 1) LEFT JOIN `handover_day_sums` p ON p.`status` = NEW.`status` AND p.`receiving_country` = NEW.`receiving_country` AND p.`camp` = NEW.`camp`
			AND p.`day` = (SELECT max(`day`) FROM `handover_day_sums` WHERE `status` = NEW.`status` AND `receiving_country` = NEW.`receiving_country` AND `camp` = NEW.`camp` AND `day` >= substr(NEW.`handover_date`, 1, 7) || '-01' AND `day` < NEW.`handover_date`)
		WHERE true ON CONFLICT DO NOTHING;
	UPDATE `handover_day_sums` SET `handovers` = `handovers` + 1, `women` = `women` + NEW.`women_count`, `children` = `children` + NEW.`children_count`, `boys` = `boys` + NEW.`boys_count`, `girls` = `girls` + NEW.`girls_count`, `unaccompanied` = `unaccompanied` + NEW.`unaccompanied_count`, `men` = `men` + NEW.`men_count`
		WHERE `status` = NEW.`status` AND `receiving_country` = NEW.`receiving_country` AND `camp` = NEW.`camp` AND `day` BETWEEN NEW.`handover_date` AND substr(NEW.`handover_date`, 1, 7) || '-31';
END;
--> statement-breakpoint
INSERT INTO `handover_month_sums`
SELECT `status`, `receiving_country`, `camp`, `month`, sum(`handovers`) OVER w, sum(`women`) OVER w, sum(`children`) OVER w, sum(`boys`) OVER w, sum(`girls`) OVER w, sum(`unaccompanied`) OVER w, sum(`men`) OVER w
FROM `handover_month_totals` WINDOW w AS (PARTITION BY `status`, `receiving_country`, `camp` ORDER BY `month`);
--> statement-breakpoint
INSERT INTO `handover_day_sums`
SELECT `status`, `receiving_country`, `camp`, `day`, sum(`handovers`) OVER w, sum(`women`) OVER w, sum(`children`) OVER w, sum(`boys`) OVER w, sum(`girls`) OVER w, sum(`unaccompanied`) OVER w, sum(`men`) OVER w
FROM (SELECT `status`, `receiving_country`, `camp`, `handover_date` AS `day`, count(*) AS `handovers`, sum(`women_count`) AS `women`,
	sum(`children_count`) AS `children`, sum(`boys_count`) AS `boys`, sum(`girls_count`) AS `girls`, sum(`unaccompanied_count`) AS `unaccompanied`,
	sum(`men_count`) AS `men` FROM `handovers` GROUP BY 1, 2, 3, 4)
WINDOW w AS (PARTITION BY `status`, `receiving_country`, `camp`, substr(`day`, 1, 7) ORDER BY `day`);
