package dev.calsync.token.keys;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * Encrypts refresh tokens at rest with Tink AEAD. The subscriber id is the associated data, so a
 * ciphertext copied into another subscriber's row does not decrypt. Tink prefixes every ciphertext with
 * the id of the key that made it, so a keyset with old and new keys decrypts both, and {@link #primaryKeyId()}
 * tells which rows a rotation still has to re-encrypt.
 */
public final class RefreshTokenCipher {

    private final Aead aead;
    private final long primaryKeyId;

    public RefreshTokenCipher(KeysetHandle keyset) {
        try {
            this.aead = keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the token AEAD keyset holds no AEAD key");
        }
        this.primaryKeyId = Integer.toUnsignedLong(keyset.getPrimary().getId());
    }

    /** A ciphertext and the key that made it. */
    public record Sealed(byte[] ciphertext, long keyId) {
        @Override
        public String toString() {
            return "Sealed[keyId=" + keyId + "]";
        }
    }

    public Sealed encrypt(String subscriberId, String refreshToken) {
        try {
            return new Sealed(aead.encrypt(refreshToken.getBytes(StandardCharsets.UTF_8), associatedData(subscriberId)), primaryKeyId);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt the refresh token of subscriber " + subscriberId);
        }
    }

    public String decrypt(String subscriberId, byte[] ciphertext) {
        try {
            return new String(aead.decrypt(ciphertext, associatedData(subscriberId)), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            // no cause: Tink's message is harmless today, but nothing about the ciphertext belongs in a log
            throw new StoredTokenUnreadableException(subscriberId);
        }
    }

    public long primaryKeyId() {
        return primaryKeyId;
    }

    private static byte[] associatedData(String subscriberId) {
        return subscriberId.getBytes(StandardCharsets.UTF_8);
    }
}
