package dev.calsync.token.keys;

import com.google.crypto.tink.KeysetHandle;
import dev.calsync.secrets.SecretName;
import dev.calsync.secrets.SecretStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Keysets come from the secrets folder or environment ({@link SecretStore}), never from code. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KeysProperties.class)
public class KeysConfiguration {

    @Bean
    public RefreshTokenCipher refreshTokenCipher(SecretStore secrets) {
        return new RefreshTokenCipher(secrets.readSecretKeyset(SecretName.TOKEN_AEAD_KEYSET));
    }

    @Bean
    public RefreshTokenInTransit refreshTokenInTransit(SecretStore secrets, KeysProperties properties) {
        List<KeysetHandle> retired = properties.retiredHybridPrivateKeysets().stream()
                .map(file -> retiredKeyset(secrets, file)).toList();
        return new RefreshTokenInTransit(secrets.readSecretKeyset(SecretName.TOKEN_HYBRID_PRIVATE_KEYSET), retired);
    }

    /** Stored like the current keyset (KMS-wrapped when the secrets are); errors name the retired file. */
    private static KeysetHandle retiredKeyset(SecretStore secrets, Path file) {
        try {
            return secrets.keysetWrapping().open(Files.readString(file, StandardCharsets.UTF_8),
                    SecretName.TOKEN_HYBRID_PRIVATE_KEYSET, "retired keyset " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the retired token hybrid keyset " + file, e);
        }
    }
}
