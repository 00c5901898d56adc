package dev.calsync.oauth.keys;

import com.google.crypto.tink.HybridEncrypt;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * Encrypts a secret for one other service with its Tink hybrid public key; the associated data binds
 * the ciphertext to the subscriber, so it cannot be replayed for another person. The plaintext never
 * leaves this service's memory.
 */
public final class InTransitEncryption {

    private final HybridEncrypt publicKey;

    public InTransitEncryption(HybridEncrypt publicKey) {
        this.publicKey = publicKey;
    }

    /** @return base64 (standard alphabet) of the ciphertext, as the contracts carry it */
    public String encrypt(String plaintext, String subscriberId) {
        try {
            byte[] ciphertext = publicKey.encrypt(plaintext.getBytes(StandardCharsets.UTF_8),
                    subscriberId.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ciphertext);
        } catch (GeneralSecurityException e) {
            // the message of a Tink failure never contains the plaintext, but say nothing of it anyway
            throw new IllegalStateException("hybrid encryption failed");
        }
    }
}
