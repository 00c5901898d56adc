-- The feed's dedicated Google calendar. A row is written (state INTENT) before calendars.insert, so a
-- crash between Google's answer and our commit is found on the next change and the calendar adopted
-- through its marker in calendarList instead of created twice. REMOVED is the tombstone of a removed
-- feed: a late upsert for it must not create the calendar again.
CREATE TABLE google_calendar_map (
    subscriber_id      TEXT        NOT NULL,
    feed_id            TEXT        NOT NULL,
    state              TEXT        NOT NULL CHECK (state IN ('INTENT', 'ACTIVE', 'REMOVED')),
    calendar_id        TEXT,
    marker             TEXT        NOT NULL,
    removed_at_version BIGINT,
    updated_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (subscriber_id, feed_id)
);

-- What the writer last wrote for one event of a feed. recurrence_id is '' for a single event or a
-- series master, else the canonical RECURRENCE-ID of the override. google_id is derived from (subscriber,
-- feed, UID, generation) and kept for reading; version only grows; content_hash of the last write.
CREATE TABLE google_event_map (
    subscriber_id  TEXT        NOT NULL,
    feed_id        TEXT        NOT NULL,
    uid            TEXT        NOT NULL,
    recurrence_id  TEXT        NOT NULL DEFAULT '',
    google_id      TEXT        NOT NULL,
    generation     INT         NOT NULL DEFAULT 0,
    version        BIGINT      NOT NULL,
    content_hash   TEXT,
    series_timing  TEXT,
    -- an override's last written change (ContractJson), rewritten when its series' time or recurrence changes
    override_change TEXT,
    deleted        BOOLEAN     NOT NULL DEFAULT FALSE,
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (subscriber_id, feed_id, uid, recurrence_id)
);
