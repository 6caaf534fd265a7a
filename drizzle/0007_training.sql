CREATE TABLE `attendance` (
	`slot_id` integer NOT NULL,
	`trainee_id` integer NOT NULL,
	`method` text NOT NULL,
	`checked_in_at` integer NOT NULL,
	`recorded_by` integer,
	PRIMARY KEY(`slot_id`, `trainee_id`),
	FOREIGN KEY (`slot_id`) REFERENCES `session_slot`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`trainee_id`) REFERENCES `trainee`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`recorded_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `attendance_trainee_idx` ON `attendance` (`trainee_id`);--> statement-breakpoint
CREATE TABLE `enrollment` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id` integer NOT NULL,
	`trainee_id` integer NOT NULL,
	`status` text NOT NULL,
	`position` integer NOT NULL,
	`source` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `training_session`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`trainee_id`) REFERENCES `trainee`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `enrollment_session_trainee_idx` ON `enrollment` (`session_id`,`trainee_id`);--> statement-breakpoint
CREATE INDEX `enrollment_trainee_idx` ON `enrollment` (`trainee_id`);--> statement-breakpoint
CREATE TABLE `exam_result` (
	`session_id` integer NOT NULL,
	`trainee_id` integer NOT NULL,
	`score` real NOT NULL,
	`passed` integer NOT NULL,
	`source` text NOT NULL,
	`entered_by` integer,
	`entered_at` integer NOT NULL,
	PRIMARY KEY(`session_id`, `trainee_id`),
	FOREIGN KEY (`session_id`) REFERENCES `training_session`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`trainee_id`) REFERENCES `trainee`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`entered_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `session_slot` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id` integer NOT NULL,
	`date` text NOT NULL,
	`start_time` text NOT NULL,
	`end_time` text NOT NULL,
	`hours` real NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `training_session`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `session_slot_session_idx` ON `session_slot` (`session_id`);--> statement-breakpoint
CREATE TABLE `trainee` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`name_initials` text NOT NULL,
	`phone` text,
	`id_number` text,
	`enterprise_unit_id` integer,
	`category` text NOT NULL,
	`position` text DEFAULT '' NOT NULL,
	`user_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`enterprise_unit_id`) REFERENCES `unit`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `trainee_id_number_unique` ON `trainee` (`id_number`);--> statement-breakpoint
CREATE UNIQUE INDEX `trainee_user_id_unique` ON `trainee` (`user_id`);--> statement-breakpoint
CREATE INDEX `trainee_enterprise_idx` ON `trainee` (`enterprise_unit_id`);--> statement-breakpoint
CREATE INDEX `trainee_initials_idx` ON `trainee` (`name_initials`);--> statement-breakpoint
CREATE TABLE `training_certificate` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`number` text NOT NULL,
	`session_id` integer NOT NULL,
	`trainee_id` integer NOT NULL,
	`hours` real NOT NULL,
	`issued_at` integer NOT NULL,
	`valid_until` text NOT NULL,
	`revoked_at` integer,
	`revoked_reason` text,
	FOREIGN KEY (`session_id`) REFERENCES `training_session`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`trainee_id`) REFERENCES `trainee`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `training_certificate_number_unique` ON `training_certificate` (`number`);--> statement-breakpoint
CREATE UNIQUE INDEX `training_certificate_session_trainee_idx` ON `training_certificate` (`session_id`,`trainee_id`);--> statement-breakpoint
CREATE TABLE `training_session` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`organizer_unit_id` integer,
	`region_unit_id` integer,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`venue` text NOT NULL,
	`audience` text NOT NULL,
	`instructors` text DEFAULT '' NOT NULL,
	`capacity` integer NOT NULL,
	`status` text DEFAULT 'planned' NOT NULL,
	`year` integer NOT NULL,
	`year_seq` integer NOT NULL,
	`checkin_secret` text NOT NULL,
	`pass_mark` integer DEFAULT 60 NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	FOREIGN KEY (`organizer_unit_id`) REFERENCES `unit`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`region_unit_id`) REFERENCES `unit`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `training_session_start_idx` ON `training_session` (`start_date`);--> statement-breakpoint
CREATE UNIQUE INDEX `training_session_year_seq_idx` ON `training_session` (`year`,`year_seq`);