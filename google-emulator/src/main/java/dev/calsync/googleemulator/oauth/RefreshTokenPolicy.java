package dev.calsync.googleemulator.oauth;

import dev.calsync.googleemulator.config.EmulatorProperties;
import dev.calsync.secrets.GoogleOAuthClients;
import java.time.Duration;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * How long a new refresh token lives: until revoked (or unused for 6 months), except that a client in
 * "testing" publishing status gets 7-day tokens unless it asked for no more than name, email and
 * profile (Google's "Using OAuth 2.0", refresh token expiration).
 */
@Component
public class RefreshTokenPolicy {

    private final EmulatorProperties properties;

    public RefreshTokenPolicy(EmulatorProperties properties) {
        this.properties = properties;
    }

    /** @return null for a token without a fixed expiry */
    public Duration lifetime(GoogleOAuthClients.Client client, Set<String> scopes) {
        boolean testing = client.publishingStatus() == GoogleOAuthClients.PublishingStatus.testing;
        boolean beyondIdentity = scopes.stream().anyMatch(scope -> !OAuthScopes.IDENTITY.contains(scope));
        return testing && beyondIdentity ? properties.tokens().testingRefreshTokenLifetime() : null;
    }
}
