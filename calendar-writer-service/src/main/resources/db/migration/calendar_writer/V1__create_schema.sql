-- Flyway creates the schema "calendar_writer" before this runs; calendar-writer-service owns it alone.
COMMENT ON SCHEMA calendar_writer IS 'calendar-writer-service: writes every change into Google exactly once';
