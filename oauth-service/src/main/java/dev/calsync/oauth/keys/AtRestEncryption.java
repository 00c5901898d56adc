package dev.calsync.oauth.keys;

import com.google.crypto.tink.Aead;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * Encrypts a secret this service keeps in its own database with its Tink AEAD key, and reads it back. The
 * associated data binds the ciphertext to its row: {@code subscriberId + "/" + rowId}, so a ciphertext copied
 * into another subscriber's row, or into another row of the same subscriber, does not decrypt there.
 *
 * <p>Rows written before the row id was bound (feed URLs stored by V4-era code) carry the subscriber id
 * alone as associated data. {@link #decrypt} tries the bound form first and then that older one, so those
 * rows keep working; they still cannot move to another subscriber, only between that subscriber's own rows.
 */
public final class AtRestEncryption {

    private final Aead aead;

    public AtRestEncryption(Aead aead) {
        this.aead = aead;
    }

    public byte[] encrypt(String plaintext, String subscriberId, String rowId) {
        try {
            return aead.encrypt(plaintext.getBytes(StandardCharsets.UTF_8), associatedData(subscriberId, rowId));
        } catch (GeneralSecurityException e) {
            // Tink's message names no plaintext; ours does not either
            throw new IllegalStateException("could not encrypt for storage", e);
        }
    }

    /** @throws GeneralSecurityException when the ciphertext belongs to another row or was altered (the message names no data) */
    public String decrypt(byte[] ciphertext, String subscriberId, String rowId) throws GeneralSecurityException {
        byte[] plaintext;
        try {
            plaintext = aead.decrypt(ciphertext, associatedData(subscriberId, rowId));
        } catch (GeneralSecurityException boundFormFailed) {
            // written before the row id was bound (V4-era): the subscriber id alone
            plaintext = aead.decrypt(ciphertext, subscriberId.getBytes(StandardCharsets.UTF_8));
        }
        return new String(plaintext, StandardCharsets.UTF_8);
    }

    private static byte[] associatedData(String subscriberId, String rowId) {
        return (subscriberId + "/" + rowId).getBytes(StandardCharsets.UTF_8);
    }
}
