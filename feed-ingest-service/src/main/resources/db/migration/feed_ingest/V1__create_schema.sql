-- Flyway creates the schema "feed_ingest" before this runs; feed-ingest-service owns it alone.
COMMENT ON SCHEMA feed_ingest IS 'feed-ingest-service: polls ICS feeds and emits what changed';
