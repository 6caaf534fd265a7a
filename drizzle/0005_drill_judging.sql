CREATE TABLE `drill_pause` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`drill_id` integer NOT NULL,
	`from_ms` integer NOT NULL,
	`to_ms` integer,
	`reason` text NOT NULL,
	`created_by` integer,
	FOREIGN KEY (`drill_id`) REFERENCES `drill`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `drill_pause_drill_idx` ON `drill_pause` (`drill_id`);--> statement-breakpoint
CREATE TABLE `judge_score` (
	`stage_id` integer NOT NULL,
	`team_id` integer NOT NULL,
	`judge_id` integer NOT NULL,
	`rubric_key` text NOT NULL,
	`points` real NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`stage_id`, `team_id`, `judge_id`, `rubric_key`),
	FOREIGN KEY (`stage_id`) REFERENCES `drill_stage`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`team_id`) REFERENCES `team`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`judge_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
ALTER TABLE `drill` ADD `settings` text;--> statement-breakpoint
ALTER TABLE `drill` ADD `freeze_minutes` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `drill` ADD `frozen_at` integer;--> statement-breakpoint
ALTER TABLE `drill` ADD `revealed_at` integer;--> statement-breakpoint
ALTER TABLE `drill` ADD `award_first` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `drill` ADD `award_second` integer DEFAULT 2 NOT NULL;--> statement-breakpoint
ALTER TABLE `drill` ADD `award_third` integer DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE `drill` ADD `public_token` text;--> statement-breakpoint
CREATE UNIQUE INDEX `drill_public_token_unique` ON `drill` (`public_token`);--> statement-breakpoint
ALTER TABLE `drill_stage` ADD `rubric` text;--> statement-breakpoint
ALTER TABLE `drill_stage` ADD `locked_at` integer;--> statement-breakpoint
ALTER TABLE `drill_stage` ADD `locked_by` integer REFERENCES user(id) ON DELETE SET NULL;