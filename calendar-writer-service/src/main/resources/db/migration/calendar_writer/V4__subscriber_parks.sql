-- A subscriber Google answers 403 quotaExceeded ("Calendar usage limits exceeded", hours long at Google): its
-- changes are acknowledged and not written until `until`; then every feed of the subscriber is resynced, so
-- nothing that arrived meanwhile is lost. One row per subscriber: a replay during the park finds it and parks
-- nothing again. A revocation deletes it.
CREATE TABLE subscriber_park (
    subscriber_id TEXT        PRIMARY KEY,
    since         TIMESTAMPTZ NOT NULL,
    until         TIMESTAMPTZ NOT NULL,
    reason        TEXT        NOT NULL
);

CREATE INDEX subscriber_park_until ON subscriber_park (until);

-- A feed's removal that arrived during its subscriber's park: a resync cannot bring it back (feed-ingest
-- forgot the feed), so the change itself is kept and sent again when the park ends.
CREATE TABLE parked_feed_removal (
    subscriber_id TEXT  NOT NULL,
    feed_id       TEXT  NOT NULL,
    change_json   BYTEA NOT NULL,
    PRIMARY KEY (subscriber_id, feed_id)
);
