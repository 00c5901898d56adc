COMMENT ON SCHEMA support_test IS 'tests of calsync-service-support';
