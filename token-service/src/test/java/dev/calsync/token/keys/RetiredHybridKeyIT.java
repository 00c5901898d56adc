package dev.calsync.token.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.hybrid.HybridConfig;
import com.google.crypto.tink.hybrid.PredefinedHybridParameters;
import dev.calsync.contracts.token.TokenGranted;
import dev.calsync.secrets.SealedForSubscriber;
import dev.calsync.token.TokenServiceTestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * After a hybrid key rotation, records on calsync.token-granted.v1 made for the old public key still decrypt,
 * because the old private keyset is listed in {@code calsync.token.keys.retired-hybrid-private-keysets}
 * ({@code TOKEN_HYBRID_RETIRED_PRIVATE_KEYSETS}).
 */
class RetiredHybridKeyIT extends TokenServiceTestSupport {

    private static KeysetHandle retired;

    // a context of its own: it starts with a retired keyset the other classes' contexts do not list
    @DynamicPropertySource
    static void aRetiredKeyset(DynamicPropertyRegistry registry) throws Exception {
        HybridConfig.register();
        retired = KeysetHandle.generateNew(PredefinedHybridParameters.HPKE_X25519_HKDF_SHA256_AES_128_GCM);
        Path file = secretsDir().resolve("token-hybrid-private.retired-1.keyset.json");
        Files.writeString(file, TinkJsonProtoKeysetFormat.serializeKeyset(retired, InsecureSecretKeyAccess.get()));
        registry.add("calsync.token.keys.retired-hybrid-private-keysets", file::toString);
    }

    @Test
    void aGrantEncryptedForARetiredKeyIsStoredAndUsable() throws Exception {
        String subscriber = newSubscriber();
        GoogleGrant grant = consentAtGoogle(ALICE);
        HybridEncrypt oldPublicKey = retired.getPublicKeysetHandle().getPrimitive(RegistryConfiguration.get(), HybridEncrypt.class);
        String ciphertext = SealedForSubscriber.seal(oldPublicKey, grant.refreshToken(), subscriber);
        TokenGranted current = tokenGranted(subscriber, UUID.randomUUID(), Instant.now(), grant);
        TokenGranted forTheOldKey = new TokenGranted(subscriber, current.grantId(), current.grantedAt(), current.googleSubject(),
                current.email(), current.scopes(), current.oauthClientId(), ciphertext);

        publishAndAwaitStored(forTheOldKey);

        assertThat(accessToken(subscriber, forTheOldKey.grantId()).get("access_token").asText()).startsWith("ya29.");
    }
}
