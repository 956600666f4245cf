-- Written the safe way: a short lock_timeout, a nullable column, the index built concurrently
-- (Flyway runs a file with CONCURRENTLY outside a transaction).
SET lock_timeout = '2s';
ALTER TABLE pages ADD COLUMN http_status integer;
CREATE INDEX CONCURRENTLY IF NOT EXISTS pages_http_status_idx ON pages (http_status);
