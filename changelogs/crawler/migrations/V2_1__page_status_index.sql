-- Built concurrently; V2_1__page_status_index.sql.conf tells Flyway to run this file outside a
-- transaction, as CREATE INDEX CONCURRENTLY must be.
SET lock_timeout = '2s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS pages_http_status_idx ON pages (http_status);
