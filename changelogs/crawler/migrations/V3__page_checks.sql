-- Written the way it often is: each statement here locks pages for a scan or a rewrite.
ALTER TABLE pages ADD CONSTRAINT pages_http_status_check CHECK (http_status BETWEEN 100 AND 599);
ALTER TABLE crawls ALTER COLUMN started_at SET NOT NULL;
CREATE INDEX pages_fetched_at_idx ON pages (fetched_at);
UPDATE pages SET http_status = 200;
-- evoplan:ignore change-column-type-rewrites crawls holds one row per crawl run: a few thousand rows
ALTER TABLE crawls ALTER COLUMN status TYPE varchar(20);
