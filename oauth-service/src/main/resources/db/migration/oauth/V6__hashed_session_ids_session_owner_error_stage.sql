-- web_session.id now holds the SHA-256 (hex) of the session id, never the id itself (PostgresWebSessionStore):
-- a reader of the table or of a backup learns no id to put in a cookie. Existing rows are converted in place,
-- so nobody is signed out by the upgrade.
UPDATE web_session SET id = encode(sha256(convert_to(id, 'UTF8')), 'hex');

-- Who is signed in with the session (NULL: nobody yet), so that a disconnect ends every session of that
-- subscriber, in every browser. Rows from before this migration get it at their next request.
ALTER TABLE web_session ADD COLUMN subscriber_id text;
CREATE INDEX web_session_subscriber ON web_session (subscriber_id);

-- The stage (FETCH, PARSE, EMIT, WRITE, TOKEN) whose status set last_error: only a success of the same stage
-- clears it (for WRITE only a write that changed something). NULL for errors recorded before this migration,
-- which any real success clears, as before.
ALTER TABLE sync_status_view ADD COLUMN last_error_stage text;
