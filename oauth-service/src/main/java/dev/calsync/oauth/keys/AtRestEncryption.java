package dev.calsync.oauth.keys;

import com.google.crypto.tink.Aead;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * Encrypts a secret this service keeps in its own database with its Tink AEAD key. The associated data
 * is the subscriber id, so a ciphertext copied into another subscriber's row does not decrypt there. Unlike
 * the hybrid forms made for other services, this service can decrypt it again with the same keyset.
 */
public final class AtRestEncryption {

    private final Aead aead;

    public AtRestEncryption(Aead aead) {
        this.aead = aead;
    }

    public byte[] encrypt(String plaintext, String subscriberId) {
        try {
            return aead.encrypt(plaintext.getBytes(StandardCharsets.UTF_8), subscriberId.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            // Tink's message names no plaintext; ours does not either
            throw new IllegalStateException("could not encrypt for storage", e);
        }
    }
}
