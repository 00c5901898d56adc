-- feed_state.paused was written but never read: whether a feed is paused is read from subscriber_grant.
ALTER TABLE feed_state DROP COLUMN paused;
