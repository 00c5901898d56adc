-- Flyway creates the schema "token" before this runs; token-service owns it alone.
COMMENT ON SCHEMA token IS 'token-service: the refresh-token vault and access-token broker';
