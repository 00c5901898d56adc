-- The page's read model of calsync.sync-status.v1: the latest of each kind per subscriber and feed
-- (feed_key '' = the subscriber as a whole). Every column is set, never summed, so a redelivered record
-- changes nothing; an older record than the stored one is ignored.
CREATE TABLE sync_status_view (
    subscriber_id       text        NOT NULL,
    feed_key            text        NOT NULL,
    last_fetch_at       timestamptz,
    last_fetch_outcome  text,
    last_write_at       timestamptz,
    last_write_outcome  text,
    added               integer     NOT NULL DEFAULT 0,
    changed             integer     NOT NULL DEFAULT 0,
    deleted             integer     NOT NULL DEFAULT 0,
    unchanged           integer     NOT NULL DEFAULT 0,
    last_error          text,
    last_error_at       timestamptz,
    updated_at          timestamptz NOT NULL,
    PRIMARY KEY (subscriber_id, feed_key)
);
