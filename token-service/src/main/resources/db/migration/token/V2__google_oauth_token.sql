-- The refresh-token vault: one row per subscriber holding their latest grant. A live grant has its refresh
-- token encrypted with Tink AEAD (associated data = subscriber id, so a ciphertext moved to another row does
-- not decrypt) and the id of the key that encrypted it, so a rotation can find rows still under an old key.
-- A revoked grant keeps its ids and times but not its ciphertext: scrubbed, not merely flagged.
CREATE TABLE google_oauth_token (
    subscriber_id           text        PRIMARY KEY,
    grant_id                uuid        NOT NULL UNIQUE,
    granted_at              timestamptz NOT NULL,
    oauth_client_id         text        NOT NULL,
    encrypted_refresh_token bytea,
    key_id                  bigint,
    scopes                  text[]      NOT NULL,
    revoked_at              timestamptz,
    revocation_reason       text,
    updated_at              timestamptz NOT NULL,
    CONSTRAINT live_grant_has_ciphertext_revoked_grant_none CHECK (
        (revoked_at IS NULL AND revocation_reason IS NULL AND encrypted_refresh_token IS NOT NULL AND key_id IS NOT NULL)
        OR (revoked_at IS NOT NULL AND revocation_reason IS NOT NULL AND encrypted_refresh_token IS NULL AND key_id IS NULL))
);

-- Grants known to be older than a subscriber's stored one (replaced by a newer grant, or arriving after it).
-- A caller presenting one of these gets 409 (skip the change); an id found nowhere is a grant whose
-- TokenGranted has not been consumed yet (503, try again).
CREATE TABLE superseded_grant (
    grant_id      uuid        PRIMARY KEY,
    subscriber_id text        NOT NULL,
    granted_at    timestamptz NOT NULL
);
