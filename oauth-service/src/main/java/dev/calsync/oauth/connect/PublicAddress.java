package dev.calsync.oauth.connect;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The address people open the page at, taken from {@code calsync.oauth.web-redirect-uri}: the origin it names
 * when it is absolute ({@code https://calsync.example.com/...}, the address Google sends people back to), or,
 * when it is a template ({@code {baseUrl}/...}, the default), the address of each request itself, as Spring
 * Security expands the template for the redirect (scheme and {@code Host}, or the forwarded ones when forwarded
 * headers are honoured). Origins are compared in one spelling, {@code scheme://host:port} with the default port written out.
 */
public final class PublicAddress {

    /** The configured origin; null when the address is the request's own. */
    private final String configured;

    private PublicAddress(String configured) {
        this.configured = configured;
    }

    public static PublicAddress of(OAuthProperties properties) {
        String redirectUri = properties.webRedirectUri();
        return new PublicAddress(redirectUri.contains("{") ? null : originOf(redirectUri).orElseThrow(() ->
                new IllegalStateException("calsync.oauth.web-redirect-uri is not an absolute http(s) address: " + redirectUri)));
    }

    /** The page's own origin for {@code request}. */
    public String origin(ServerHttpRequest request) {
        return configured != null ? configured : originOf(request.getURI()).orElseThrow();
    }

    /** Whether the page is on https for {@code request}: always, or this request came over https. */
    public boolean https(ServerHttpRequest request) {
        return alwaysHttps() || "https".equalsIgnoreCase(request.getURI().getScheme()) || request.getSslInfo() != null;
    }

    /** Whether every address the page is served at is https, whatever the request that reached this instance says. */
    public boolean alwaysHttps() {
        return configured != null && configured.startsWith("https:");
    }

    /** The origin of an address ({@code Origin} and {@code Referer} headers, configured URIs); empty when it has none (e.g. {@code null}). */
    public static Optional<String> originOf(String address) {
        try {
            return address == null ? Optional.empty() : originOf(URI.create(address.trim()));
        } catch (IllegalArgumentException notAnAddress) {
            return Optional.empty();
        }
    }

    private static Optional<String> originOf(URI uri) {
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme) || uri.getHost() == null) {
            return Optional.empty();
        }
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
        return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port);
    }
}
