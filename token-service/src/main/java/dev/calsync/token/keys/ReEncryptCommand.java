package dev.calsync.token.keys;

import dev.calsync.token.TokenServiceApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar token-service.jar reencrypt-refresh-tokens}: the service's configuration (database,
 * secrets) without its HTTP server and without consuming grants; re-encrypts every stored refresh token under
 * the newest key of {@code TOKEN_AEAD_KEYSET}, prints the count and exits.
 */
public final class ReEncryptCommand {

    public static final String NAME = "reencrypt-refresh-tokens";

    private ReEncryptCommand() {
    }

    /** @param args Spring arguments ({@code --name=value}) after the command name */
    public static long run(String... args) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TokenServiceApplication.class)
                .web(WebApplicationType.NONE)
                .properties("spring.cloud.stream.bindings.tokenGrants-in-0.consumer.auto-startup=false")
                .run(args)) {
            return context.getBean(RefreshTokenReEncryption.class).reEncryptAll();
        }
    }
}
