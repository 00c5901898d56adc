package dev.calsync.token.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Refresh tokens at rest: bound to their row's subscriber, tagged with their key, unreadable errors say nothing. */
class RefreshTokenCipherTest {

    @Test
    void aCiphertextDecryptsForItsSubscriberOnlyAndTheErrorQuotesNothing() throws Exception {
        AeadConfig.register();
        RefreshTokenCipher cipher = new RefreshTokenCipher(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM));
        RefreshTokenCipher.Sealed sealed = cipher.encrypt("alice", "1//secret-refresh");

        assertThat(cipher.decrypt("alice", sealed.ciphertext())).isEqualTo("1//secret-refresh");
        assertThat(sealed.keyId()).isEqualTo(cipher.primaryKeyId());
        assertThat(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("secret-refresh");
        assertThat(sealed.toString()).doesNotContain("secret");
        assertThatThrownBy(() -> cipher.decrypt("bob", sealed.ciphertext()))
                .isInstanceOf(StoredTokenUnreadableException.class)
                .hasMessageContaining("bob")
                .hasNoCause();
    }
}
