package dev.calsync.secrets;

import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.HybridEncrypt;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The one wire form of a secret sealed for another service on Kafka (a refresh token for token-service,
 * a feed URL for feed-ingest-service): a Tink hybrid ciphertext for the receiver's public key, with the
 * subscriber id as associated data (so a ciphertext cannot be moved to another person), in standard
 * base64. Sender and receivers share this class so they cannot drift apart.
 */
public final class SealedForSubscriber {

    private SealedForSubscriber() {
    }

    public static String seal(HybridEncrypt receiver, String plaintext, String subscriberId) {
        try {
            byte[] ciphertext = receiver.encrypt(plaintext.getBytes(StandardCharsets.UTF_8), associatedData(subscriberId));
            return Base64.getEncoder().encodeToString(ciphertext);
        } catch (GeneralSecurityException e) {
            // say nothing of the plaintext
            throw new IllegalStateException("hybrid encryption failed");
        }
    }

    /**
     * Tries each keyset in order (the current one first, then retired ones a replay may still need).
     *
     * @return empty when none opens it: not base64, another key, or another subscriber
     */
    public static Optional<String> open(List<HybridDecrypt> keysets, String base64Ciphertext, String subscriberId) {
        byte[] ciphertext;
        try {
            ciphertext = Base64.getDecoder().decode(base64Ciphertext);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        for (HybridDecrypt keyset : keysets) {
            try {
                return Optional.of(new String(keyset.decrypt(ciphertext, associatedData(subscriberId)), StandardCharsets.UTF_8));
            } catch (GeneralSecurityException notThisKeyset) {
                // try the next keyset
            }
        }
        return Optional.empty();
    }

    private static byte[] associatedData(String subscriberId) {
        return subscriberId.getBytes(StandardCharsets.UTF_8);
    }
}
