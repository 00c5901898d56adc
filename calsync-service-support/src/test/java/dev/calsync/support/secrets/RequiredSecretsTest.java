package dev.calsync.support.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calsync.secrets.MissingSecretException;
import dev.calsync.secrets.SecretName;
import dev.calsync.secrets.SecretStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class RequiredSecretsTest {

    @TempDir
    Path secrets;

    private final ApplicationContextRunner service = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SecretsAutoConfiguration.class));

    @Test
    void aServiceWithoutARequiredSecretDoesNotStartAndSaysWhichOneIsMissing() {
        service.withPropertyValues("calsync.secrets.dir=" + secrets, "calsync.secrets.required=SERVICE_CREDENTIAL,TOKEN_AEAD_KEYSET")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .isInstanceOf(MissingSecretException.class)
                            .hasMessageContaining("service-credential")
                            .hasMessageContaining("./calsync keys init");
                });
    }

    @Test
    void aServiceWithItsSecretsStarts() throws Exception {
        Files.writeString(secrets.resolve(SecretName.SERVICE_CREDENTIAL.fileName()), "credential");
        service.withPropertyValues("calsync.secrets.dir=" + secrets, "calsync.secrets.required=SERVICE_CREDENTIAL")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(SecretStore.class));
    }
}
