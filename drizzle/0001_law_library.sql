CREATE TABLE `article` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`law_id` text NOT NULL,
	`number` integer NOT NULL,
	`chapter` text,
	`text` text NOT NULL,
	`source` text,
	`verification` text,
	`note` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `article_law_number_idx` ON `article` (`law_id`,`number`);--> statement-breakpoint
CREATE INDEX `article_law_idx` ON `article` (`law_id`);--> statement-breakpoint
CREATE TABLE `law_import` (
	`law_id` text PRIMARY KEY NOT NULL,
	`dataset_title` text NOT NULL,
	`edition` text,
	`complete` integer NOT NULL,
	`article_count` integer NOT NULL,
	`imported_at` integer NOT NULL
);
