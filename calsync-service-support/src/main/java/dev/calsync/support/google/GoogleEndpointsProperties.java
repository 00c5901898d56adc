package dev.calsync.support.google;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Google is: the emulator's base URL locally and in tests, Google's own hosts in production. The
 * services reach Google only through these two roots and the issuer's discovery document.
 *
 * @param issuer          the OpenID Connect issuer (its discovery document names the OAuth endpoints)
 * @param calendarRootUrl the Calendar API root, as {@code Calendar.Builder#setRootUrl} takes it
 */
@ConfigurationProperties("calsync.google")
public record GoogleEndpointsProperties(
        @DefaultValue("http://127.0.0.1:8089") URI issuer,
        @DefaultValue("http://127.0.0.1:8089/") URI calendarRootUrl) {
}
