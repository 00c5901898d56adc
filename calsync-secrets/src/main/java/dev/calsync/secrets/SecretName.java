package dev.calsync.secrets;

import java.util.Locale;

/**
 * Every secret calsync needs, as named in the design's "Secrets and clocks" section. Each lives in a
 * file of the secrets folder; an environment variable holding the same content wins over the file, so a
 * secret store (Kubernetes secrets, a vault agent) can inject them without touching disk.
 */
public enum SecretName {
    /** Tink AEAD keyset token-service encrypts refresh tokens at rest with. */
    TOKEN_AEAD_KEYSET("token-aead.keyset.json"),
    /** Tink hybrid private keyset: token-service decrypts refresh tokens arriving on Kafka. */
    TOKEN_HYBRID_PRIVATE_KEYSET("token-hybrid-private.keyset.json"),
    /** Tink hybrid public keyset: oauth-service encrypts refresh tokens for token-service. */
    TOKEN_HYBRID_PUBLIC_KEYSET("token-hybrid-public.keyset.json"),
    /** Tink hybrid private keyset: feed-ingest-service decrypts feed URLs. */
    FEED_URL_HYBRID_PRIVATE_KEYSET("feed-url-hybrid-private.keyset.json"),
    /** Tink hybrid public keyset: oauth-service encrypts feed URLs for feed-ingest-service. */
    FEED_URL_HYBRID_PUBLIC_KEYSET("feed-url-hybrid-public.keyset.json"),
    /**
     * Tink AEAD keyset oauth-service encrypts feed URLs at rest with (associated data = subscriber id); the
     * hybrid ciphertext for feed-ingest-service is a different, one-way form that oauth-service cannot read.
     */
    FEED_URL_AEAD_KEYSET("feed-url-aead.keyset.json"),
    /** Shared credential internal callers present to token-service. */
    SERVICE_CREDENTIAL("service-credential"),
    /** Tink MAC keyset that signs the OAuth {@code state}. */
    STATE_SIGNING_KEYSET("oauth-state-signing.keyset.json"),
    /** OAuth client registrations and test accounts; the google-emulator's seed file. */
    GOOGLE_OAUTH_CLIENTS("google-oauth-clients.json");

    private final String fileName;

    SecretName(String fileName) {
        this.fileName = fileName;
    }

    public String fileName() {
        return fileName;
    }

    /**
     * A keyset whose content must stay secret (AEAD, MAC, hybrid private): the ones a KMS wraps when
     * {@link KeysetWrapping} is configured. Public keysets and the other secrets are stored as they are.
     */
    public boolean isSecretKeyset() {
        return switch (this) {
            case TOKEN_AEAD_KEYSET, TOKEN_HYBRID_PRIVATE_KEYSET, FEED_URL_HYBRID_PRIVATE_KEYSET, FEED_URL_AEAD_KEYSET,
                 STATE_SIGNING_KEYSET -> true;
            case TOKEN_HYBRID_PUBLIC_KEYSET, FEED_URL_HYBRID_PUBLIC_KEYSET, SERVICE_CREDENTIAL, GOOGLE_OAUTH_CLIENTS -> false;
        };
    }

    /** The environment variable that may carry this secret's content instead of the file. */
    public String environmentVariable() {
        return "CALSYNC_SECRET_" + name().toUpperCase(Locale.ROOT);
    }
}
