CREATE TABLE `drill` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`organizer` text NOT NULL,
	`venue` text NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`scenario_version_id` integer NOT NULL,
	`status` text DEFAULT 'setup' NOT NULL,
	`debrief_open` integer DEFAULT false NOT NULL,
	`grace_seconds` integer DEFAULT 10 NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	FOREIGN KEY (`scenario_version_id`) REFERENCES `scenario_version`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `drill_judge` (
	`drill_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`is_chief` integer DEFAULT false NOT NULL,
	PRIMARY KEY(`drill_id`, `user_id`),
	FOREIGN KEY (`drill_id`) REFERENCES `drill`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE TABLE `drill_stage` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`drill_id` integer NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`weight` integer NOT NULL,
	`duration_minutes` integer NOT NULL,
	`position` integer NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`opens_at` integer,
	`ends_at` integer,
	`closed_at` integer,
	FOREIGN KEY (`drill_id`) REFERENCES `drill`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `drill_stage_drill_idx` ON `drill_stage` (`drill_id`);--> statement-breakpoint
CREATE TABLE `sheet_entry` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` integer NOT NULL,
	`stage_id` integer NOT NULL,
	`ref` text NOT NULL,
	`data` text,
	`version` integer NOT NULL,
	`updated_by` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`team_id`) REFERENCES `team`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`stage_id`) REFERENCES `drill_stage`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`updated_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sheet_entry_ref_idx` ON `sheet_entry` (`team_id`,`stage_id`,`ref`);--> statement-breakpoint
CREATE TABLE `stage_submission` (
	`team_id` integer NOT NULL,
	`stage_id` integer NOT NULL,
	`submitted_at` integer NOT NULL,
	`submitted_by` integer,
	PRIMARY KEY(`team_id`, `stage_id`),
	FOREIGN KEY (`team_id`) REFERENCES `team`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`stage_id`) REFERENCES `drill_stage`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`submitted_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `team` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`drill_id` integer NOT NULL,
	`name` text NOT NULL,
	`unit_id` integer,
	FOREIGN KEY (`drill_id`) REFERENCES `drill`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`unit_id`) REFERENCES `unit`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `team_drill_name_idx` ON `team` (`drill_id`,`name`);--> statement-breakpoint
CREATE TABLE `team_extension` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` integer NOT NULL,
	`stage_id` integer NOT NULL,
	`ms` integer NOT NULL,
	`reason` text NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`team_id`) REFERENCES `team`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`stage_id`) REFERENCES `drill_stage`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `team_member` (
	`drill_id` integer NOT NULL,
	`team_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	PRIMARY KEY(`drill_id`, `user_id`),
	FOREIGN KEY (`drill_id`) REFERENCES `drill`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`team_id`) REFERENCES `team`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `team_member_team_idx` ON `team_member` (`team_id`);