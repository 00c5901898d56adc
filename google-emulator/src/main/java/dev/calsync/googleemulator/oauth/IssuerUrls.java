package dev.calsync.googleemulator.oauth;

import dev.calsync.googleemulator.config.EmulatorProperties;
import java.net.URI;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * Where the emulator says it lives. By default the issuer and every endpoint hang off the base URL the
 * caller used to reach it (so a browser on {@code localhost} and a service on a compose host name each
 * get a discovery document that validates for them); {@code emulator.issuer} pins the issuer instead.
 */
@Component
public class IssuerUrls {

    private final EmulatorProperties properties;

    public IssuerUrls(EmulatorProperties properties) {
        this.properties = properties;
    }

    /** {@code scheme://host[:port]} as the request reached the emulator. */
    public String baseUrl(ServerHttpRequest request) {
        URI uri = request.getURI();
        String host = uri.getHost();
        if (host != null && host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return uri.getScheme() + "://" + host + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    /** The discovery document's {@code issuer}. */
    public String issuer(ServerHttpRequest request) {
        URI configured = properties.issuer();
        if (configured == null || configured.toString().isBlank()) {
            return baseUrl(request);
        }
        String issuer = configured.toString();
        return issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    }

    /**
     * The ID token's {@code iss}: the issuer, or without its scheme under the switch, since Google's
     * tokens carry either {@code https://accounts.google.com} or {@code accounts.google.com} (GOOGLE.md §9).
     */
    public String idTokenIssuer(ServerHttpRequest request) {
        String issuer = issuer(request);
        if (!properties.switches().bareIdTokenIssuer()) {
            return issuer;
        }
        int scheme = issuer.indexOf("://");
        return scheme < 0 ? issuer : issuer.substring(scheme + 3);
    }
}
