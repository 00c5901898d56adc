package dev.calsync.token.keys;

import dev.calsync.secrets.SealedForSubscriber;
import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decrypts the refresh token of a {@code TokenGranted} record: a Tink hybrid ciphertext for this service's
 * public key, associated data = subscriber id. The current private keyset is tried first, then every
 * retired one: {@code calsync.token-granted.v1} is kept forever, so a replay from the earliest offset meets
 * ciphertexts made for keys that have since been rotated out of the current keyset.
 */
public final class RefreshTokenInTransit {

    private final List<HybridDecrypt> keysets;

    public RefreshTokenInTransit(KeysetHandle current, List<KeysetHandle> retired) {
        List<HybridDecrypt> all = new ArrayList<>();
        all.add(primitive(current));
        retired.forEach(keyset -> all.add(primitive(keyset)));
        this.keysets = List.copyOf(all);
    }

    /** The plaintext refresh token, or empty when no keyset decrypts it (not base64, wrong key, other subscriber). */
    public Optional<String> decrypt(String subscriberId, String base64Ciphertext) {
        return SealedForSubscriber.open(keysets, base64Ciphertext, subscriberId);
    }

    private static HybridDecrypt primitive(KeysetHandle keyset) {
        try {
            return keyset.getPrimitive(RegistryConfiguration.get(), HybridDecrypt.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a token hybrid private keyset holds no hybrid private key");
        }
    }
}
