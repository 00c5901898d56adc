package dev.calsync.googleemulator.oauth;

import dev.calsync.googleemulator.auth.AccessTokenResolver;
import dev.calsync.googleemulator.auth.TokenPrincipal;
import dev.calsync.googleemulator.config.EmulatorProperties;
import dev.calsync.googleemulator.state.IssuedSecrets;
import dev.calsync.googleemulator.state.Resettable;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Grants (one per account and OAuth client, as Google keeps them) with their refresh and access tokens.
 * Revoking any token of a grant ends the whole grant; at most 100 refresh tokens live per account and
 * client (a new one silently kills the oldest); refresh tokens of "testing" clients with calendar
 * scopes expire after 7 days; access tokens live 3599 s ("Using OAuth 2.0 to Access Google APIs",
 * refresh token expiration; GOOGLE.md §9).
 */
@Component
public class GrantStore implements AccessTokenResolver, Resettable {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A live grant of an account to a client. */
    public record Grant(String subject, String email, String clientId, Set<String> scopes, Instant grantedAt) {
        public Grant {
            scopes = Set.copyOf(scopes);
        }

        GrantKey key() {
            return new GrantKey(subject, clientId);
        }
    }

    record GrantKey(String subject, String clientId) {
    }

    private record RefreshToken(String value, GrantKey grant, Instant issuedAt, Instant expiresAt, Instant lastUsedAt) {
        RefreshToken used(Instant at) {
            return new RefreshToken(value, grant, issuedAt, expiresAt, at);
        }
    }

    private record AccessToken(String value, GrantKey grant, Instant expiresAt) {
    }

    /** What the token endpoint hands out. {@code refreshTokenExpiresIn} only for time-limited grants. */
    public record Issued(String accessToken, Duration expiresIn, String refreshToken, Duration refreshTokenExpiresIn, Grant grant) {
        @Override
        public String toString() {
            return "Issued[grant=" + grant.subject() + "/" + grant.clientId() + "]";
        }
    }

    /** Why a refresh token does not work; the token endpoint turns each into Google's invalid_grant. */
    public enum RefreshRefusal { UNKNOWN_OR_REVOKED, EXPIRED, WRONG_CLIENT }

    public static final class RefreshRefused extends RuntimeException {
        private final RefreshRefusal refusal;

        RefreshRefused(RefreshRefusal refusal) {
            super("refresh refused: " + refusal);
            this.refusal = refusal;
        }

        public RefreshRefusal refusal() {
            return refusal;
        }
    }

    private final Clock clock;
    private final EmulatorProperties properties;
    private final IssuedSecrets issued;
    private final Map<GrantKey, Grant> grants = new ConcurrentHashMap<>();
    private final Map<String, RefreshToken> refreshTokens = new ConcurrentHashMap<>();
    private final Map<String, AccessToken> accessTokens = new ConcurrentHashMap<>();

    public GrantStore(Clock clock, EmulatorProperties properties, IssuedSecrets issued) {
        this.clock = clock;
        this.properties = properties;
        this.issued = issued;
    }

    public boolean hasGrant(String subject, String clientId) {
        return grants.containsKey(new GrantKey(subject, clientId));
    }

    public Optional<Grant> grant(String subject, String clientId) {
        return Optional.ofNullable(grants.get(new GrantKey(subject, clientId)));
    }

    /**
     * Records consent and issues tokens.
     *
     * @param addToExistingScopes {@code include_granted_scopes=true}: the grant keeps earlier scopes
     * @param withRefreshToken    whether Google would return a refresh token for this exchange
     * @param refreshTokenLifetime null for a token that lives until revoked or unused for 6 months
     */
    public synchronized Issued consent(String subject, String email, String clientId, Set<String> scopes,
                                       boolean addToExistingScopes, boolean withRefreshToken, Duration refreshTokenLifetime) {
        GrantKey key = new GrantKey(subject, clientId);
        Set<String> granted = new LinkedHashSet<>(scopes);
        Grant existing = grants.get(key);
        if (existing != null && addToExistingScopes) {
            granted.addAll(existing.scopes());
        }
        Grant grant = new Grant(subject, email, clientId, granted, existing != null ? existing.grantedAt() : clock.instant());
        grants.put(key, grant);
        String refresh = null;
        if (withRefreshToken) {
            refresh = newRefreshToken(key, refreshTokenLifetime);
        }
        return new Issued(newAccessToken(key), properties.tokens().accessTokenLifetime(), refresh, refreshTokenLifetime, grant);
    }

    /** A new access token for a refresh token of {@code clientId}; no new refresh token (Google does not rotate). */
    public synchronized Issued refresh(String refreshTokenValue, String clientId) {
        RefreshToken token = refreshTokens.get(refreshTokenValue);
        if (token == null || !grants.containsKey(token.grant())) {
            throw new RefreshRefused(RefreshRefusal.UNKNOWN_OR_REVOKED);
        }
        if (!token.grant().clientId().equals(clientId)) {
            throw new RefreshRefused(RefreshRefusal.WRONG_CLIENT);
        }
        Instant now = clock.instant();
        Instant unusedLimit = token.lastUsedAt().plus(properties.tokens().unusedRefreshTokenLifetime());
        if ((token.expiresAt() != null && !now.isBefore(token.expiresAt())) || !now.isBefore(unusedLimit)) {
            refreshTokens.remove(refreshTokenValue);
            throw new RefreshRefused(RefreshRefusal.EXPIRED);
        }
        refreshTokens.put(refreshTokenValue, token.used(now));
        Grant grant = grants.get(token.grant());
        Duration left = token.expiresAt() == null ? null : Duration.between(now, token.expiresAt());
        return new Issued(newAccessToken(token.grant()), properties.tokens().accessTokenLifetime(), null, left, grant);
    }

    /** Revokes the whole grant the token (access or refresh) belongs to; false if the token is unknown. */
    public synchronized boolean revoke(String anyToken) {
        GrantKey key = Optional.ofNullable(refreshTokens.get(anyToken)).map(RefreshToken::grant)
                .or(() -> Optional.ofNullable(accessTokens.get(anyToken))
                        .filter(token -> clock.instant().isBefore(token.expiresAt()))
                        .map(AccessToken::grant))
                .orElse(null);
        if (key == null || !grants.containsKey(key)) {
            return false;
        }
        grants.remove(key);
        refreshTokens.values().removeIf(token -> token.grant().equals(key));
        accessTokens.values().removeIf(token -> token.grant().equals(key));
        return true;
    }

    @Override
    public Optional<TokenPrincipal> resolve(String accessToken) {
        AccessToken token = accessTokens.get(accessToken);
        if (token == null || !clock.instant().isBefore(token.expiresAt())) {
            return Optional.empty();
        }
        Grant grant = grants.get(token.grant());
        if (grant == null) {
            return Optional.empty();
        }
        return Optional.of(new TokenPrincipal(grant.subject(), grant.email(), grant.clientId(), grant.scopes(), token.expiresAt()));
    }

    /** Live refresh tokens of an account and client, oldest first (tests check the cap of 100). */
    public List<String> refreshTokensOf(String subject, String clientId) {
        GrantKey key = new GrantKey(subject, clientId);
        return refreshTokens.values().stream().filter(token -> token.grant().equals(key))
                .sorted(Comparator.comparing(RefreshToken::issuedAt)).map(RefreshToken::value).toList();
    }

    private String newRefreshToken(GrantKey key, Duration lifetime) {
        Instant now = clock.instant();
        List<RefreshToken> live = new ArrayList<>(refreshTokens.values().stream()
                .filter(token -> token.grant().equals(key)).sorted(Comparator.comparing(RefreshToken::issuedAt)).toList());
        int cap = properties.tokens().maxRefreshTokensPerAccountAndClient();
        while (live.size() >= cap) {
            refreshTokens.remove(live.remove(0).value());
        }
        String value = issued.record(IssuedSecrets.Kind.REFRESH_TOKEN, "1//0" + random(72));
        refreshTokens.put(value, new RefreshToken(value, key, now, lifetime == null ? null : now.plus(lifetime), now));
        return value;
    }

    private String newAccessToken(GrantKey key) {
        String value = issued.record(IssuedSecrets.Kind.ACCESS_TOKEN, "ya29.a0" + random(120));
        accessTokens.put(value, new AccessToken(value, key, clock.instant().plus(properties.tokens().accessTokenLifetime())));
        return value;
    }

    static String random(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    @Override
    public synchronized void reset() {
        grants.clear();
        refreshTokens.clear();
        accessTokens.clear();
    }
}
