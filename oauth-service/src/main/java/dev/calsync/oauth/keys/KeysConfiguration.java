package dev.calsync.oauth.keys;

import dev.calsync.secrets.SecretName;
import dev.calsync.secrets.SecretStore;
import dev.calsync.secrets.TinkKeysets;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The keys this service holds: two public keys to encrypt for other services, and its own AEAD key for
 * feed URLs at rest.
 */
@Configuration(proxyBeanMethods = false)
public class KeysConfiguration {

    /** Refresh tokens, for token-service. */
    @Bean
    @Qualifier("refreshTokens")
    public InTransitEncryption refreshTokenEncryption(SecretStore secrets) {
        return new InTransitEncryption(TinkKeysets.hybridEncrypt(secrets, SecretName.TOKEN_HYBRID_PUBLIC_KEYSET));
    }

    /** Feed URLs, for feed-ingest-service. */
    @Bean
    @Qualifier("feedUrls")
    public InTransitEncryption feedUrlEncryption(SecretStore secrets) {
        return new InTransitEncryption(TinkKeysets.hybridEncrypt(secrets, SecretName.FEED_URL_HYBRID_PUBLIC_KEYSET));
    }

    /** Feed URLs in this service's feed table. */
    @Bean
    @Qualifier("feedUrlsAtRest")
    public AtRestEncryption feedUrlAtRestEncryption(SecretStore secrets) {
        return new AtRestEncryption(TinkKeysets.aead(secrets, SecretName.FEED_URL_AEAD_KEYSET));
    }
}
