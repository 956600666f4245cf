--liquibase formatted sql

-- What Liquibase OSS cannot say in YAML/XML/JSON: CHECK constraints (addCheckConstraint is a
-- Pro change, and createTable ignores a column's checkConstraint), partial indexes (createIndex
-- has no WHERE), and a reporting view kept next to them.

--changeset crawler-team:checks-001-status-values
--comment: Enum-like status columns are checked by the database, not only by the application.
ALTER TABLE users ADD CONSTRAINT chk_users_status CHECK (status IN ('active', 'suspended', 'deleted'));
ALTER TABLE users ADD CONSTRAINT chk_users_email_format CHECK (email ~* '^.+@.+\..+$');
ALTER TABLE sources ADD CONSTRAINT chk_sources_status CHECK (status IN ('active', 'paused', 'archived'));
ALTER TABLE sources ADD CONSTRAINT chk_sources_crawl_interval_positive CHECK (crawl_interval_minutes > 0);
ALTER TABLE crawls ADD CONSTRAINT chk_crawls_status CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled'));
ALTER TABLE crawls ADD CONSTRAINT chk_crawls_finished_after_started CHECK (finished_at IS NULL OR finished_at >= started_at);
ALTER TABLE pages ADD CONSTRAINT chk_pages_http_status_range CHECK (http_status BETWEEN 100 AND 599);
--rollback ALTER TABLE pages DROP CONSTRAINT chk_pages_http_status_range;
--rollback ALTER TABLE crawls DROP CONSTRAINT chk_crawls_finished_after_started;
--rollback ALTER TABLE crawls DROP CONSTRAINT chk_crawls_status;
--rollback ALTER TABLE sources DROP CONSTRAINT chk_sources_crawl_interval_positive;
--rollback ALTER TABLE sources DROP CONSTRAINT chk_sources_status;
--rollback ALTER TABLE users DROP CONSTRAINT chk_users_email_format;
--rollback ALTER TABLE users DROP CONSTRAINT chk_users_status;

--changeset crawler-team:sources-003-index-owner-active
--comment: AP4 counts active sources per user; archived sources are most rows and never queried here.
CREATE INDEX idx_sources_owner_id_active ON sources (owner_id) WHERE status = 'active';
--rollback DROP INDEX idx_sources_owner_id_active;

--changeset crawler-team:reporting-001-source-crawl-stats
--comment: Dashboard tile: crawl counts per source. Reads only columns no planned change touches.
CREATE VIEW source_crawl_stats AS
SELECT s.id AS source_id,
       s.owner_id,
       count(c.id) AS crawl_count,
       count(c.id) FILTER (WHERE c.status = 'failed') AS failed_count,
       max(c.finished_at) AS last_finished_at
FROM sources s
LEFT JOIN crawls c ON c.source_id = s.id
GROUP BY s.id, s.owner_id;
--rollback DROP VIEW source_crawl_stats;
