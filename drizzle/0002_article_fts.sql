-- Full-text search over article texts. The trigram tokenizer matches any substring of 3+ characters,
-- which is what Chinese needs (no word boundaries). External-content table: rebuilt after each import.
CREATE VIRTUAL TABLE `article_fts` USING fts5(`text`, content='article', content_rowid='id', tokenize='trigram');
--> statement-breakpoint
INSERT INTO `article_fts`(`article_fts`) VALUES('rebuild');
