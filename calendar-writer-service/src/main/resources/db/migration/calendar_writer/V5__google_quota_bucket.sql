-- The project's Google request quota (10,000 a minute at Google) is shared by every writer instance: its token
-- bucket lives here, one row per bucket, in the layout Bucket4j's PostgreSQL proxy reads and writes (the state is
-- Bucket4j's own serialised form; a row is locked with SELECT ... FOR UPDATE while tokens are taken). Instances
-- take tokens in chunks, so this row is touched a few times a second, not once per Google call.
CREATE TABLE google_quota_bucket (
    id         TEXT   PRIMARY KEY,
    state      BYTEA,
    expires_at BIGINT
);
