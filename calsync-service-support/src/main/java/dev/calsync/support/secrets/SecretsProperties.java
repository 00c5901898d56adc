package dev.calsync.support.secrets;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Where the secrets folder ({@code ./calsync keys init}) is; single secrets may come from the environment. */
@ConfigurationProperties("calsync.secrets")
public record SecretsProperties(@DefaultValue(".secrets") Path dir) {
}
