package dev.calsync.googleemulator.oauth;

import dev.calsync.googleemulator.config.EmulatorProperties;
import dev.calsync.googleemulator.directory.Directory;
import dev.calsync.secrets.GoogleOAuthClients;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;

/**
 * Who is calling the token endpoint: {@code client_secret_post} (client_id and client_secret in the form,
 * what Google's Java client sends) or {@code client_secret_basic} (RFC 6749 §2.3.1: form-urlencoded id and
 * secret in an HTTP Basic header, what Spring Security sends). Clients without a secret (Android, iOS)
 * identify themselves by id alone ("OAuth 2.0 for Mobile &amp; Desktop Apps"; GOOGLE.md §9).
 */
@Component
class ClientAuthenticator {

    private final Directory directory;
    private final EmulatorProperties properties;

    ClientAuthenticator(Directory directory, EmulatorProperties properties) {
        this.directory = directory;
        this.properties = properties;
    }

    private record Credentials(String clientId, String clientSecret) {
        @Override
        public String toString() {
            return "Credentials[clientId=" + clientId + "]";
        }
    }

    GoogleOAuthClients.Client authenticate(HttpHeaders headers, MultiValueMap<String, String> form) {
        Credentials credentials = credentials(headers, form);
        if (credentials.clientId() == null || credentials.clientId().isEmpty()) {
            throw OAuthException.invalidRequest("Could not determine client ID from request.");
        }
        GoogleOAuthClients.Client client = directory.client(credentials.clientId())
                .orElseThrow(() -> OAuthException.invalidClient(properties.switches().unknownClientDescription()));
        if (client.clientSecret() == null) {
            return client;
        }
        if (credentials.clientSecret() == null || credentials.clientSecret().isEmpty()) {
            throw OAuthException.invalidRequest("client_secret is missing.");
        }
        if (!MessageDigest.isEqual(client.clientSecret().getBytes(StandardCharsets.UTF_8),
                credentials.clientSecret().getBytes(StandardCharsets.UTF_8))) {
            throw OAuthException.invalidClient("Unauthorized");
        }
        return client;
    }

    private static Credentials credentials(HttpHeaders headers, MultiValueMap<String, String> form) {
        String formId = form.getFirst("client_id");
        String formSecret = form.getFirst("client_secret");
        String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return new Credentials(formId, formSecret);
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            throw OAuthException.invalidClient("Unauthorized");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw OAuthException.invalidClient("Unauthorized");
        }
        String basicId = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
        String basicSecret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
        // RFC 6749 §2.3.1: one authentication method per request
        if (formSecret != null || (formId != null && !formId.equals(basicId))) {
            throw OAuthException.invalidRequest("Conflicting client credentials.");
        }
        return new Credentials(basicId, basicSecret);
    }
}
