package dev.calsync.oauth.keys;

import dev.calsync.secrets.SealedForSubscriber;
import com.google.crypto.tink.HybridEncrypt;

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
        return SealedForSubscriber.seal(publicKey, plaintext, subscriberId);
    }
}
