-- The data-model guide's own domain, written the guide's way: UUID keys, timestamptz,
-- created_at/updated_at, NOT NULL by default, CHECKs for enums, named constraints,
-- indexes for the access patterns, ON DELETE chosen per relationship, PII comments.

CREATE TABLE users (
    -- Identity
    id uuid CONSTRAINT pk_users PRIMARY KEY DEFAULT gen_random_uuid(),
    -- Core attributes
    email text NOT NULL,
    name text NOT NULL,
    status text NOT NULL DEFAULT 'active',
    -- Metadata
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_users_email UNIQUE (email),
    CONSTRAINT chk_users_status CHECK (status IN ('active', 'suspended', 'deleted')),
    CONSTRAINT chk_email_format CHECK (email ~* '^.+@.+\..+$')
);
COMMENT ON TABLE users IS 'A person who signs in and owns sources.';
COMMENT ON COLUMN users.email IS 'PII: email address. Retention: account lifetime + 30 days. Erasure: anonymise to hash.';
COMMENT ON COLUMN users.name IS 'PII: full name. Retention: account lifetime + 30 days. Erasure: set to "Deleted User".';

CREATE TABLE sources (
    -- Identity
    id uuid CONSTRAINT pk_sources PRIMARY KEY DEFAULT gen_random_uuid(),
    -- Core attributes
    name text NOT NULL,
    url text NOT NULL,
    status text NOT NULL DEFAULT 'active',
    -- Relationships
    owner_id uuid NOT NULL,
    -- Metadata
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    created_by uuid,
    -- Constraints
    CONSTRAINT chk_sources_status CHECK (status IN ('active', 'paused', 'archived')),
    CONSTRAINT fk_sources_owner FOREIGN KEY (owner_id) REFERENCES users (id) ON DELETE RESTRICT,
    CONSTRAINT fk_sources_created_by FOREIGN KEY (created_by) REFERENCES users (id) ON DELETE SET NULL,
    CONSTRAINT uq_sources_name_per_owner UNIQUE (owner_id, name)
);
COMMENT ON TABLE sources IS 'A website or feed a user asks us to crawl.';
COMMENT ON COLUMN sources.created_by IS 'NULL once the creating user is erased';
-- Indexes for access patterns
CREATE INDEX idx_sources_owner_created ON sources (owner_id, created_at DESC);
CREATE INDEX idx_sources_status ON sources (status) WHERE status = 'active';
CREATE INDEX idx_sources_created_by ON sources (created_by);

CREATE TABLE crawls (
    id uuid CONSTRAINT pk_crawls PRIMARY KEY DEFAULT gen_random_uuid(),
    source_id uuid NOT NULL,
    status text NOT NULL DEFAULT 'queued',
    started_at timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    error_message text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT fk_crawls_source FOREIGN KEY (source_id) REFERENCES sources (id) ON DELETE CASCADE,
    CONSTRAINT chk_crawls_status CHECK (status IN ('queued', 'running', 'done', 'failed')),
    CONSTRAINT chk_crawls_finished_after_start CHECK (finished_at IS NULL OR finished_at >= started_at)
);
COMMENT ON TABLE crawls IS 'One run of the crawler over a source.';
COMMENT ON COLUMN crawls.finished_at IS 'NULL while the crawl runs';
COMMENT ON COLUMN crawls.error_message IS 'NULL unless the crawl failed';
CREATE INDEX idx_crawls_source_started ON crawls (source_id, started_at DESC);

CREATE TABLE pages (
    id uuid CONSTRAINT pk_pages PRIMARY KEY DEFAULT gen_random_uuid(),
    crawl_id uuid NOT NULL,
    url text NOT NULL,
    status_code smallint NOT NULL,
    body text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT fk_pages_crawl FOREIGN KEY (crawl_id) REFERENCES crawls (id) ON DELETE CASCADE,
    CONSTRAINT uq_pages_url_per_crawl UNIQUE (crawl_id, url),
    CONSTRAINT chk_pages_status_code CHECK (status_code BETWEEN 100 AND 599)
);
COMMENT ON TABLE pages IS 'A page fetched by a crawl.';
COMMENT ON COLUMN pages.body IS 'NULL when the response had no body';
CREATE INDEX idx_pages_url ON pages (url);

-- Events are immutable: append only, never update
CREATE TABLE source_events (
    id uuid CONSTRAINT pk_source_events PRIMARY KEY DEFAULT gen_random_uuid(),
    stream_id uuid NOT NULL,
    stream_type text NOT NULL,
    event_type text NOT NULL,
    data jsonb NOT NULL,
    metadata jsonb NOT NULL DEFAULT '{}',
    version integer NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_stream_version UNIQUE (stream_id, version),
    CONSTRAINT chk_source_events_stream_type CHECK (stream_type IN ('Source', 'Crawl')),
    CONSTRAINT chk_source_events_event_type CHECK (event_type IN ('SourceCreated', 'SourcePaused', 'CrawlStarted', 'CrawlFinished'))
);
COMMENT ON TABLE source_events IS 'Event-sourced history of sources and crawls (append-only).';
COMMENT ON COLUMN source_events.stream_id IS 'The aggregate ID';
COMMENT ON COLUMN source_events.version IS 'Sequence within the stream';

CREATE TABLE audit_log (
    id uuid CONSTRAINT pk_audit_log PRIMARY KEY DEFAULT gen_random_uuid(),
    actor_id uuid,
    action text NOT NULL,
    target_table text NOT NULL,
    target_id uuid NOT NULL,
    ip_address inet,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT fk_audit_log_actor FOREIGN KEY (actor_id) REFERENCES users (id) ON DELETE SET NULL
);
COMMENT ON TABLE audit_log IS 'Who did what to which row; append-only.';
COMMENT ON COLUMN audit_log.actor_id IS 'NULL once the actor is erased: the entry stays, anonymised';
COMMENT ON COLUMN audit_log.ip_address IS 'PII: IP address. Retention: 90 days. Erasure: delete the entry.';
CREATE INDEX idx_audit_log_actor ON audit_log (actor_id);
CREATE INDEX idx_audit_log_target ON audit_log (target_table, target_id);

-- Version 2: a pull request that appends one change for each row of the guide's evolution table.
-- Add nullable column
ALTER TABLE pages ADD COLUMN content_hash text;
COMMENT ON COLUMN pages.content_hash IS 'NULL until the page body is hashed';
-- Add column with default
ALTER TABLE sources ADD COLUMN crawl_interval interval NOT NULL DEFAULT '1 day';
-- Add NOT NULL column
ALTER TABLE crawls ADD COLUMN pages_found integer NOT NULL;
-- Remove column
ALTER TABLE crawls DROP COLUMN error_message;
-- Rename column
ALTER TABLE users RENAME COLUMN name TO full_name;
-- Change column type
ALTER TABLE pages ALTER COLUMN status_code TYPE integer;
-- Add index
CREATE INDEX CONCURRENTLY idx_pages_content_hash ON pages (content_hash);
-- Drop index
DROP INDEX CONCURRENTLY idx_pages_url;
