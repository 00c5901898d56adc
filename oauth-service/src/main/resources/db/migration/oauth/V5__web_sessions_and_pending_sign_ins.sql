-- Web sessions, shared by every instance of the service and kept across restarts (PostgresWebSessionStore).
-- A session holds who is signed in (subscriber id, email), never a token; attributes are Java-serialized
-- as Spring Session's JDBC store keeps them. Rows past expires_at are deleted by the session sweeper.
CREATE TABLE web_session (
    id                text        PRIMARY KEY,
    created_at        timestamptz NOT NULL,
    last_access_at    timestamptz NOT NULL,
    max_idle_seconds  bigint      NOT NULL,
    expires_at        timestamptz NOT NULL,
    attributes        bytea       NOT NULL
);
CREATE INDEX web_session_expiry ON web_session (expires_at);

-- Web sign-ins waiting for Google's callback (PendingSignIns), so the callback may reach any instance: the
-- authorization request (with its PKCE verifier and nonce) under the id inside the signed state, the hash of
-- the cookie binding it to the browser, and when it was used (kept until expiry, to tell a replay from a forgery).
CREATE TABLE pending_sign_in (
    state_id      text        PRIMARY KEY,
    request       bytea       NOT NULL,
    binding_hash  text        NOT NULL,
    expires_at    timestamptz NOT NULL,
    used_at       timestamptz
);
CREATE INDEX pending_sign_in_expiry ON pending_sign_in (expires_at);
