-- How many events the feed's Google calendar holds after the writer's last run (SyncStatus.calendarEvents);
-- NULL until a writer that reports it has written the feed.
ALTER TABLE sync_status_view ADD COLUMN calendar_events INT;
