-- The crawler's first tables: created and indexed in one migration, so nothing waits.
CREATE TABLE crawls (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    seed_url    text        NOT NULL,
    status      text        NOT NULL DEFAULT 'queued',
    started_at  timestamptz
);

CREATE TABLE pages (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    crawl_id   bigint      NOT NULL REFERENCES crawls (id),
    url        text        NOT NULL,
    fetched_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX pages_crawl_id_idx ON pages (crawl_id);
