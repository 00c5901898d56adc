package dev.calsync.googleemulator.auth;

import java.time.Instant;
import java.util.Set;

/**
 * Who a valid access token speaks for: a Google account ({@code sub}, email) through one OAuth client,
 * with the scopes the account granted it.
 *
 * @param offline whether the token comes from an offline authorization ({@code access_type=offline}, or a
 *                refresh): what tokeninfo reports as {@code access_type}
 */
public record TokenPrincipal(String subject, String email, String clientId, Set<String> scopes, Instant expiresAt,
                             boolean offline) {

    public TokenPrincipal {
        scopes = Set.copyOf(scopes);
    }

    public boolean hasAnyScope(Set<String> accepted) {
        return scopes.stream().anyMatch(accepted::contains);
    }
}
