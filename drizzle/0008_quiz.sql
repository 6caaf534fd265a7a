CREATE TABLE `attempt_answer` (
	`attempt_id` integer NOT NULL,
	`slot` integer NOT NULL,
	`response` text,
	`flagged` integer DEFAULT false NOT NULL,
	`saved_at` integer NOT NULL,
	`points` real,
	PRIMARY KEY(`attempt_id`, `slot`),
	FOREIGN KEY (`attempt_id`) REFERENCES `quiz_attempt`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `course` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`summary` text DEFAULT '' NOT NULL,
	`hours` real NOT NULL,
	`audience` text,
	`status` text DEFAULT 'draft' NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `course_completion` (
	`user_id` integer NOT NULL,
	`course_id` integer NOT NULL,
	`completed_at` integer NOT NULL,
	`hours` real NOT NULL,
	`certificate_number` text,
	PRIMARY KEY(`user_id`, `course_id`),
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`course_id`) REFERENCES `course`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `course_completion_certificate_number_unique` ON `course_completion` (`certificate_number`);--> statement-breakpoint
CREATE TABLE `course_quiz` (
	`course_id` integer NOT NULL,
	`quiz_id` integer NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`course_id`, `quiz_id`),
	FOREIGN KEY (`course_id`) REFERENCES `course`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`quiz_id`) REFERENCES `quiz`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `lesson` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`course_id` integer NOT NULL,
	`sort_order` integer NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	FOREIGN KEY (`course_id`) REFERENCES `course`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `lesson_course_idx` ON `lesson` (`course_id`,`sort_order`);--> statement-breakpoint
CREATE TABLE `lesson_progress` (
	`user_id` integer NOT NULL,
	`lesson_id` integer NOT NULL,
	`read_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `lesson_id`),
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`lesson_id`) REFERENCES `lesson`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `question` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`category_id` integer NOT NULL,
	`type` text NOT NULL,
	`stem` text NOT NULL,
	`options` text NOT NULL,
	`answer` text NOT NULL,
	`explanation` text DEFAULT '' NOT NULL,
	`difficulty` integer DEFAULT 2 NOT NULL,
	`multiple_scoring` text DEFAULT 'all' NOT NULL,
	`provisions` text DEFAULT '' NOT NULL,
	`tags` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch()) NOT NULL,
	FOREIGN KEY (`category_id`) REFERENCES `question_category`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `question_category_idx` ON `question` (`category_id`);--> statement-breakpoint
CREATE INDEX `question_status_idx` ON `question` (`status`);--> statement-breakpoint
CREATE TABLE `question_category` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`parent_id` integer,
	`name` text NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `question_category_parent_idx` ON `question_category` (`parent_id`);--> statement-breakpoint
CREATE TABLE `question_revision` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`question_id` integer NOT NULL,
	`version` integer NOT NULL,
	`snapshot` text NOT NULL,
	`edited_by` integer,
	`edited_at` integer DEFAULT (unixepoch()) NOT NULL,
	FOREIGN KEY (`question_id`) REFERENCES `question`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`edited_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `question_revision_version_idx` ON `question_revision` (`question_id`,`version`);--> statement-breakpoint
CREATE TABLE `quiz` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`time_limit_minutes` integer DEFAULT 0 NOT NULL,
	`opens_at` integer,
	`closes_at` integer,
	`attempts_allowed` integer DEFAULT 1 NOT NULL,
	`pass_mark` integer DEFAULT 60 NOT NULL,
	`shuffle_options` integer DEFAULT true NOT NULL,
	`review_after_submit` text NOT NULL,
	`review_after_close` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `quiz_attempt` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`quiz_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`context` text DEFAULT '' NOT NULL,
	`attempt_no` integer NOT NULL,
	`started_at` integer NOT NULL,
	`ends_at` integer,
	`submitted_at` integer,
	`submitted_by` text,
	`status` text DEFAULT 'open' NOT NULL,
	`slots` text NOT NULL,
	`score` real,
	`max_score` real NOT NULL,
	`passed` integer,
	FOREIGN KEY (`quiz_id`) REFERENCES `quiz`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `quiz_attempt_no_idx` ON `quiz_attempt` (`quiz_id`,`user_id`,`context`,`attempt_no`);--> statement-breakpoint
CREATE INDEX `quiz_attempt_open_idx` ON `quiz_attempt` (`status`,`ends_at`);--> statement-breakpoint
CREATE INDEX `quiz_attempt_context_idx` ON `quiz_attempt` (`context`);--> statement-breakpoint
CREATE TABLE `quiz_rule` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`quiz_id` integer NOT NULL,
	`category_id` integer NOT NULL,
	`difficulty` integer,
	`count` integer NOT NULL,
	`points` real DEFAULT 1 NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`quiz_id`) REFERENCES `quiz`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`category_id`) REFERENCES `question_category`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `quiz_rule_quiz_idx` ON `quiz_rule` (`quiz_id`);--> statement-breakpoint
ALTER TABLE `drill_stage` ADD `quiz_id` integer;--> statement-breakpoint
ALTER TABLE `drill_stage` ADD `theory_mode` text DEFAULT 'team' NOT NULL;