package dev.calsync.token.keys;

import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
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
        byte[] ciphertext;
        try {
            ciphertext = Base64.getDecoder().decode(base64Ciphertext);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        byte[] associatedData = subscriberId.getBytes(StandardCharsets.UTF_8);
        for (HybridDecrypt keyset : keysets) {
            try {
                return Optional.of(new String(keyset.decrypt(ciphertext, associatedData), StandardCharsets.UTF_8));
            } catch (GeneralSecurityException notThisKeyset) {
                // try the next (retired) keyset
            }
        }
        return Optional.empty();
    }

    private static HybridDecrypt primitive(KeysetHandle keyset) {
        try {
            return keyset.getPrimitive(RegistryConfiguration.get(), HybridDecrypt.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a token hybrid private keyset holds no hybrid private key");
        }
    }
}
