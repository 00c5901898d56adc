-- What the last reading of a feed read leniently or left out, one line per component and rule (feed-ingest's
-- SyncStatus.warnings, docs/feeds.md). Replaced by every status of a fetch that read the feed (EMIT); a 304 or a
-- failed fetch leaves it standing. NULL: no reading since this migration.
ALTER TABLE sync_status_view ADD COLUMN last_fetch_warnings text[];
