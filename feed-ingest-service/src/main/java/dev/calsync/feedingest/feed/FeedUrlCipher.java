package dev.calsync.feedingest.feed;

import com.google.crypto.tink.HybridDecrypt;
import dev.calsync.secrets.SealedForSubscriber;
import dev.calsync.secrets.SecretName;
import dev.calsync.secrets.SecretStore;
import dev.calsync.secrets.TinkKeysets;
import java.net.URI;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Feed URLs are often secret links: they stay the hybrid ciphertext oauth-service sent (context info =
 * the subscriber id, so a ciphertext cannot be moved to another person) and are decrypted only in memory,
 * right before a fetch. {@link #redacted(URI)} is the only form that may reach a log or a status.
 */
@Component
public class FeedUrlCipher {

    private final List<HybridDecrypt> keysets;

    public FeedUrlCipher(SecretStore secrets) {
        this.keysets = List.of(TinkKeysets.hybridDecrypt(secrets, SecretName.FEED_URL_HYBRID_PRIVATE_KEYSET));
    }

    /** @throws IllegalArgumentException naming neither the ciphertext nor the URL */
    public String decrypt(String encryptedUrl, String subscriberId) {
        return SealedForSubscriber.open(keysets, encryptedUrl, subscriberId)
                .orElseThrow(() -> new IllegalArgumentException("the feed URL cannot be decrypted with this service's key"));
    }

    /** Scheme and host only: paths and queries of feed URLs carry their secrets. */
    public static String redacted(URI url) {
        if (url == null || url.getHost() == null) {
            return "<feed url>";
        }
        return url.getScheme() + "://" + url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "") + "/…";
    }
}
