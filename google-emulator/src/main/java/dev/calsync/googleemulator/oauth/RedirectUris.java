package dev.calsync.googleemulator.oauth;

import dev.calsync.secrets.GoogleOAuthClients;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * Which redirect URIs a client may use at the authorization endpoint (GOOGLE.md §9, client types):
 * a web client only its registered URIs, compared as exact strings (scheme, case, port, trailing slash);
 * a Desktop client any port and path on the loopback interface ({@code http://127.0.0.1}, {@code http://[::1]},
 * and the discouraged {@code http://localhost}; RFC 8252 §7.3). Android and iOS clients get their codes
 * through the platform's sign-in SDK, never through this browser endpoint.
 */
final class RedirectUris {

    static final Set<String> OUT_OF_BAND = Set.of("urn:ietf:wg:oauth:2.0:oob", "urn:ietf:wg:oauth:2.0:oob:auto", "oob");
    private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "[::1]", "localhost");

    private RedirectUris() {
    }

    static boolean allowed(GoogleOAuthClients.Client client, String redirectUri) {
        return switch (client.type()) {
            case web -> client.redirectUris().contains(redirectUri);
            case desktop -> isLoopback(redirectUri);
            case android, ios -> false;
        };
    }

    static boolean isLoopback(String redirectUri) {
        try {
            URI uri = new URI(redirectUri);
            return "http".equals(uri.getScheme())
                    && uri.getHost() != null && LOOPBACK_HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT))
                    && uri.getRawUserInfo() == null
                    && uri.getRawFragment() == null;
        } catch (URISyntaxException notAUri) {
            return false;
        }
    }
}
