-- Feed URLs at rest under this service's own Tink AEAD key (FEED_URL_AEAD_KEYSET; associated data = the
-- subscriber id, so a ciphertext moved to another subscriber's row does not decrypt), which this service
-- can read back. The hybrid ciphertext for feed-ingest-service is no longer kept here: it travels only in
-- FeedSubscription, through the outbox.
ALTER TABLE feed ADD COLUMN url_ciphertext bytea;

-- Rows added before this migration hold only the hybrid form, which this service cannot decrypt, so they
-- cannot be converted; they keep it until the feed is removed. Every newer row has url_ciphertext only.
ALTER TABLE feed ALTER COLUMN encrypted_url DROP NOT NULL;
ALTER TABLE feed ADD CONSTRAINT feed_url_kept CHECK (url_ciphertext IS NOT NULL OR encrypted_url IS NOT NULL);
COMMENT ON COLUMN feed.url_ciphertext IS 'Tink AEAD (FEED_URL_AEAD_KEYSET) of the feed URL, associated data = subscriber_id';
COMMENT ON COLUMN feed.encrypted_url IS 'legacy (before V4): hybrid ciphertext for feed-ingest-service; NULL in newer rows';
