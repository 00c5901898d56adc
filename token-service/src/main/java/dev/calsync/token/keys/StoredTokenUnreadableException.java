package dev.calsync.token.keys;

/**
 * A stored refresh token does not decrypt with the token AEAD keyset under its subscriber id: its key was
 * removed from the keyset, or the ciphertext belongs to another subscriber's row.
 */
public class StoredTokenUnreadableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoredTokenUnreadableException(String subscriberId) {
        super("the stored refresh token of subscriber " + subscriberId + " does not decrypt with the token AEAD keyset");
    }
}
