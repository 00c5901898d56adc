-- One feed-ingest run (a fetch or a resync of a feed) as the writer saw it: how many changes it has, what
-- they did. The writer publishes one SyncStatus per run when the last change is done; records of older
-- producers (no run) are runs of one change. reported: the status was published (a replay publishes none).
CREATE TABLE write_run (
    subscriber_id TEXT        NOT NULL,
    feed_id       TEXT        NOT NULL,
    run_id        BIGINT      NOT NULL,
    expected      INT         NOT NULL,
    added         INT         NOT NULL DEFAULT 0,
    changed       INT         NOT NULL DEFAULT 0,
    deleted       INT         NOT NULL DEFAULT 0,
    unchanged     INT         NOT NULL DEFAULT 0,
    failed        INT         NOT NULL DEFAULT 0,
    -- the first message for the person of a failed change of the run (no URL, no token)
    error         TEXT,
    reported      BOOLEAN     NOT NULL DEFAULT FALSE,
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (subscriber_id, feed_id, run_id)
);

-- Each change counted once in its run, whatever the replays: the primary key is the change's version
-- (unique per feed).
CREATE TABLE write_run_change (
    subscriber_id TEXT   NOT NULL,
    feed_id       TEXT   NOT NULL,
    version       BIGINT NOT NULL,
    run_id        BIGINT NOT NULL,
    outcome       TEXT   NOT NULL,
    PRIMARY KEY (subscriber_id, feed_id, version)
);

-- A change the writer sent to calsync.event-changed.v1.dlq and that nothing newer has replaced yet: while
-- one is here, the feed's status is a failure. A newer write of the same event, or the feed's removal, clears it.
CREATE TABLE write_dead_letter (
    subscriber_id TEXT        NOT NULL,
    feed_id       TEXT        NOT NULL,
    uid           TEXT        NOT NULL,
    recurrence_id TEXT        NOT NULL,
    version       BIGINT      NOT NULL,
    reason        TEXT        NOT NULL,
    at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (subscriber_id, feed_id, uid, recurrence_id)
);
