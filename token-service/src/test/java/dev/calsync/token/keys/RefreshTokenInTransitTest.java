package dev.calsync.token.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.hybrid.HybridConfig;
import com.google.crypto.tink.hybrid.PredefinedHybridParameters;
import dev.calsync.secrets.SealedForSubscriber;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Refresh tokens from Kafka: bound to their subscriber, and readable under a retired key after a rotation. */
class RefreshTokenInTransitTest {

    private static KeysetHandle retired;
    private static KeysetHandle current;

    @BeforeAll
    static void keys() throws Exception {
        HybridConfig.register();
        retired = KeysetHandle.generateNew(PredefinedHybridParameters.HPKE_X25519_HKDF_SHA256_AES_128_GCM);
        current = KeysetHandle.generateNew(PredefinedHybridParameters.HPKE_X25519_HKDF_SHA256_AES_128_GCM);
    }

    private static String encrypt(KeysetHandle keyset, String subscriber, String token) throws Exception {
        HybridEncrypt encrypt = keyset.getPublicKeysetHandle().getPrimitive(RegistryConfiguration.get(), HybridEncrypt.class);
        return SealedForSubscriber.seal(encrypt, token, subscriber);
    }

    @Test
    void aTokenForTheCurrentKeyDecryptsUnderItsSubscriberOnly() throws Exception {
        RefreshTokenInTransit inTransit = new RefreshTokenInTransit(current, List.of());
        String ciphertext = encrypt(current, "alice", "1//refresh");

        assertThat(inTransit.decrypt("alice", ciphertext)).hasValue("1//refresh");
        assertThat(inTransit.decrypt("bob", ciphertext)).isEmpty();
    }

    @Test
    void aTokenForARetiredKeyDecryptsOnlyWhileThatKeyIsConfigured() throws Exception {
        String ciphertext = encrypt(retired, "alice", "1//old-record");

        assertThat(new RefreshTokenInTransit(current, List.of(retired)).decrypt("alice", ciphertext)).hasValue("1//old-record");
        assertThat(new RefreshTokenInTransit(current, List.of()).decrypt("alice", ciphertext)).isEmpty();
    }

    @Test
    void garbageIsNotAToken() {
        RefreshTokenInTransit inTransit = new RefreshTokenInTransit(current, List.of(retired));

        assertThat(inTransit.decrypt("alice", "not base64 !")).isEmpty();
        assertThat(inTransit.decrypt("alice", Base64.getEncoder().encodeToString(new byte[40]))).isEmpty();
        assertThat(inTransit.decrypt("alice", "")).isEmpty();
    }
}
