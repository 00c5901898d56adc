-- Flyway creates the schema "oauth" before this runs; oauth-service owns it alone.
COMMENT ON SCHEMA oauth IS 'oauth-service: the connect flows and page; publishes grants and feed subscriptions';
