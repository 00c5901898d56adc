package dev.calsync.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.HybridEncrypt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SealedForSubscriberTest {

    @TempDir
    Path current;

    @TempDir
    Path retired;

    @Test
    void opensOnlyForTheSubscriberItWasSealedForAndWithAnyListedKeyset() throws Exception {
        new SecretsGenerator("http://localhost:8081").generateMissing(current);
        new SecretsGenerator("http://localhost:8081").generateMissing(retired);
        HybridEncrypt toOldKey = TinkKeysets.hybridEncrypt(SecretStore.fromDirectory(retired), SecretName.TOKEN_HYBRID_PUBLIC_KEYSET);
        HybridDecrypt currentKey = TinkKeysets.hybridDecrypt(SecretStore.fromDirectory(current), SecretName.TOKEN_HYBRID_PRIVATE_KEYSET);
        HybridDecrypt retiredKey = TinkKeysets.hybridDecrypt(SecretStore.fromDirectory(retired), SecretName.TOKEN_HYBRID_PRIVATE_KEYSET);

        String sealed = SealedForSubscriber.seal(toOldKey, "1//refresh", "sub-1");

        assertThat(sealed).doesNotContain("refresh");
        assertThat(SealedForSubscriber.open(List.of(currentKey, retiredKey), sealed, "sub-1")).contains("1//refresh");
        assertThat(SealedForSubscriber.open(List.of(currentKey), sealed, "sub-1")).isEmpty();
        assertThat(SealedForSubscriber.open(List.of(currentKey, retiredKey), sealed, "sub-2")).isEmpty();
        assertThat(SealedForSubscriber.open(List.of(retiredKey), "not base64 !", "sub-1")).isEmpty();
        assertThat(Files.exists(current.resolve(SecretName.TOKEN_HYBRID_PRIVATE_KEYSET.fileName()))).isTrue();
    }
}
