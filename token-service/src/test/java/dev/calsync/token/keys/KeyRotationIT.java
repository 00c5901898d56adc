package dev.calsync.token.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import dev.calsync.contracts.token.TokenGranted;
import dev.calsync.secrets.SecretName;
import dev.calsync.testsupport.OwnContext;
import dev.calsync.token.TokenServiceTestSupport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An AEAD key rotation as the runbook does it: a new primary key is added to TOKEN_AEAD_KEYSET (old key kept),
 * then {@code reencrypt-refresh-tokens} moves every stored token to it, after which the old key can go.
 */
@OwnContext("it rotates the token keyset the context started with and re-encrypts every row of its database")
class KeyRotationIT extends TokenServiceTestSupport {

    @Test
    void theCommandReEncryptsEveryLiveTokenUnderTheNewestKeyAndRowsDecryptBeforeAndAfter() throws Exception {
        GoogleGrant aliceAtGoogle = consentAtGoogle(ALICE);
        GoogleGrant bobAtGoogle = consentAtGoogle(BOB);
        TokenGranted alice = tokenGranted(newSubscriber(), UUID.randomUUID(), Instant.now(), aliceAtGoogle);
        TokenGranted bob = tokenGranted(newSubscriber(), UUID.randomUUID(), Instant.now(), bobAtGoogle);
        TokenGranted gone = tokenGranted(newSubscriber(), UUID.randomUUID(), Instant.now(), consentAtGoogle(BOB));
        publishAndAwaitStored(alice);
        publishAndAwaitStored(bob);
        publishAndAwaitStored(gone);
        requestRevoke(gone.subscriberId()).expectStatus().isOk();

        KeysetHandle old = secrets().readSecretKeyset(SecretName.TOKEN_AEAD_KEYSET);
        assertThat(decrypt(old, alice.subscriberId())).as("before").isEqualTo(aliceAtGoogle.refreshToken());
        assertThat(decrypt(old, bob.subscriberId())).as("before").isEqualTo(bobAtGoogle.refreshToken());

        KeysetHandle rotated = KeysetHandle.newBuilder(old)
                .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM).withRandomId().makePrimary())
                .build();
        Files.writeString(secretsDir().resolve(SecretName.TOKEN_AEAD_KEYSET.fileName()),
                TinkJsonProtoKeysetFormat.serializeKeyset(rotated, InsecureSecretKeyAccess.get()));

        assertThat(ReEncryptCommand.run()).isEqualTo(2);

        long newKeyId = Integer.toUnsignedLong(rotated.getPrimary().getId());
        assertThat(row(alice.subscriberId()).orElseThrow().keyId()).isEqualTo(newKeyId);
        assertThat(row(bob.subscriberId()).orElseThrow().keyId()).isEqualTo(newKeyId);
        assertThat(decrypt(rotated, alice.subscriberId())).as("after").isEqualTo(aliceAtGoogle.refreshToken());
        assertThat(decrypt(rotated, bob.subscriberId())).as("after").isEqualTo(bobAtGoogle.refreshToken());
        assertThatThrownBy(() -> decrypt(old, alice.subscriberId())).as("no longer under the old key")
                .isInstanceOf(GeneralSecurityException.class);
        assertThat(row(gone.subscriberId()).orElseThrow().ciphertext()).as("a revoked grant stays scrubbed").isNull();
        assertThat(ReEncryptCommand.run()).as("a second run finds nothing left").isZero();
    }

    private String decrypt(KeysetHandle keyset, String subscriberId) throws Exception {
        Aead aead = keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
        return new String(aead.decrypt(row(subscriberId).orElseThrow().ciphertext(), subscriberId.getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8);
    }
}
