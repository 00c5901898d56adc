package dev.calsync.support.secrets;

import dev.calsync.secrets.SecretName;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the secrets folder ({@code ./calsync keys init}) is, and which secrets this service cannot run
 * without: those are read at start, so a missing one stops the service with a message naming it instead
 * of failing the first request that needs it.
 */
@ConfigurationProperties("calsync.secrets")
public record SecretsProperties(@DefaultValue(".secrets") Path dir, @DefaultValue List<SecretName> required) {
}
