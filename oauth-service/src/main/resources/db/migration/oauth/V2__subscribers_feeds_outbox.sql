-- A person using calsync. A subscriber exists only together with a Google grant (created in the same
-- transaction as its google_account and the TokenGranted outbox row).
CREATE TABLE subscriber (
    id          text        PRIMARY KEY,
    created_at  timestamptz NOT NULL
);

-- The Google account a subscriber connected; Google's stable "sub" identifies the person.
CREATE TABLE google_account (
    google_subject   text        PRIMARY KEY,
    subscriber_id    text        NOT NULL UNIQUE REFERENCES subscriber (id),
    email            text        NOT NULL,
    oauth_client_id  text        NOT NULL,
    grant_id         uuid        NOT NULL,
    granted_at       timestamptz NOT NULL,
    -- set when the grant is revoked (disconnect, or Google answered invalid_grant)
    revoked_at       timestamptz,
    revocation_reason text
);

-- An ICS feed. The URL is kept only as the Tink hybrid ciphertext for feed-ingest-service (AEAD-protected,
-- associated data = subscriber id; this service cannot decrypt it), plus a display name and a masked form.
CREATE TABLE feed (
    id             text        PRIMARY KEY,
    subscriber_id  text        NOT NULL REFERENCES subscriber (id),
    display_name   text        NOT NULL,
    encrypted_url  bytea       NOT NULL,
    masked_url     text        NOT NULL,
    created_at     timestamptz NOT NULL
);
CREATE INDEX feed_by_subscriber ON feed (subscriber_id);

-- Events waiting to be published (Debezium's outbox shape). A row is marked sent only after the broker
-- acknowledged the record; its id is the record's CloudEvents id, so a resend is recognisable.
CREATE TABLE outbox (
    id              uuid        PRIMARY KEY,
    aggregate_type  text        NOT NULL,
    aggregate_id    text        NOT NULL,
    type            text        NOT NULL,
    payload         bytea       NOT NULL,
    created_at      timestamptz NOT NULL,
    sent_at         timestamptz
);
CREATE INDEX outbox_unsent ON outbox (created_at) WHERE sent_at IS NULL;
