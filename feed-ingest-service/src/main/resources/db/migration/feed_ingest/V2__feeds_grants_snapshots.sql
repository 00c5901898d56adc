-- Versions of EventChanged records: a sequence, so they only grow across crashes and instances.
CREATE SEQUENCE event_version_seq;

-- The subscriber's current grant. A TokenGranted about an older grant than the stored one is ignored.
CREATE TABLE subscriber_grant (
    subscriber_id text PRIMARY KEY,
    grant_id      uuid        NOT NULL,
    granted_at    timestamptz,            -- null when a revocation arrived before its grant
    revoked       boolean     NOT NULL,
    changed_at    timestamptz NOT NULL
);

-- Every grant ever revoked: a grant arriving after (or replayed after) its revocation stays revoked.
CREATE TABLE revoked_grant (
    grant_id      uuid PRIMARY KEY,
    subscriber_id text        NOT NULL,
    revoked_at    timestamptz NOT NULL
);

CREATE TABLE feed_state (
    feed_id              text PRIMARY KEY,
    subscriber_id        text        NOT NULL,
    display_name         text,
    -- the Tink hybrid ciphertext exactly as oauth-service sent it (base64); decrypted only to fetch
    encrypted_url        text,
    subscribed           boolean     NOT NULL,
    subscription_at      timestamptz NOT NULL,   -- occurredAt of the last subscription record applied
    removal_emitted      boolean     NOT NULL DEFAULT false,
    -- no current grant for the subscriber; for operators: claims read subscriber_grant itself
    paused               boolean     NOT NULL,
    resync_requested     boolean     NOT NULL DEFAULT false,
    etag                 text,
    last_modified        text,
    next_fetch_at        timestamptz NOT NULL,
    lease_owner          text,
    lease_until          timestamptz,
    last_fetch_at        timestamptz,
    last_success_at      timestamptz,
    last_error           text,
    consecutive_failures integer     NOT NULL DEFAULT 0,
    suspect_fetches      integer     NOT NULL DEFAULT 0,
    content_identity     boolean     NOT NULL DEFAULT false  -- the feed regenerates UIDs: match by content
);
CREATE INDEX feed_state_due ON feed_state (next_fetch_at);
CREATE INDEX feed_state_subscriber ON feed_state (subscriber_id);

-- The last snapshot per feed: what the writer was last told about each event.
CREATE TABLE feed_event (
    feed_id       text    NOT NULL REFERENCES feed_state (feed_id) ON DELETE CASCADE,
    uid           text    NOT NULL,
    recurrence_id text    NOT NULL,   -- EventTime.canonical() of RECURRENCE-ID, '' for a single event or series
    content_hash  text    NOT NULL,
    version       bigint  NOT NULL,
    deleted       boolean NOT NULL,
    event_json    text,               -- the NormalizedEvent as emitted, for resyncs; null once deleted
    PRIMARY KEY (feed_id, uid, recurrence_id)
);
