-- The highest version of the feed whose change is settled in Google (written, or found already there). A map
-- rebuilt from Google uses it to date what Google shows without a date: a deleted event.
ALTER TABLE google_calendar_map ADD COLUMN settled_version BIGINT NOT NULL DEFAULT 0;
-- feeds written before: the highest version their map holds
UPDATE google_calendar_map c SET settled_version = COALESCE(
    (SELECT max(e.version) FROM google_event_map e WHERE e.subscriber_id = c.subscriber_id AND e.feed_id = c.feed_id), 0);

-- Ids a map repair found cancelled in the feed's calendar without the private tags that would say whose they
-- are: Google guarantees only the id (and, for an instance, its series and original start) of a cancelled
-- event. The writer recognises one by deriving the id of a change that has no map row; settled_version is the
-- feed's at the repair, so changes up to it are known to be in Google already.
CREATE TABLE google_event_tombstone (
    subscriber_id   TEXT   NOT NULL,
    feed_id         TEXT   NOT NULL,
    google_id       TEXT   NOT NULL,
    settled_version BIGINT NOT NULL,
    PRIMARY KEY (subscriber_id, feed_id, google_id)
);
