package dev.calsync.support.servicecredential;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which paths of this service are its internal API, open only to callers presenting the service credential.
 *
 * @param paths path prefixes (e.g. {@code /internal/}); a request whose path starts with one needs the
 *              credential. Empty (the default): the service has no internal API. A service that names paths
 *              lists {@code SERVICE_CREDENTIAL} in {@code calsync.secrets.required}, so it does not start without it.
 */
@ConfigurationProperties("calsync.service-credential")
public record ServiceCredentialProperties(@DefaultValue List<String> paths) {
}
