package dev.calsync.googleemulator.oauth;

import dev.calsync.googleemulator.auth.AccessTokenResolver;
import dev.calsync.googleemulator.auth.TokenPrincipal;
import dev.calsync.googleemulator.config.EmulatorProperties;
import dev.calsync.googleemulator.state.IssuedSecrets;
import dev.calsync.googleemulator.state.Resettable;
import dev.calsync.secrets.SecretsGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
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
 *
 * <p>Consent and tokens are two steps, as at Google: the grant exists from the moment the account
 * clicks Allow ({@link #recordConsent}), and the tokens come when the client redeems its code
 * ({@link #issue}). A grant remembers every scope the account ever consented to; each token carries
 * the scopes of its own authorization (all of the grant's with {@code include_granted_scopes=true}),
 * so a later, narrower sign-in never takes scopes away from a refresh token issued before.
 */
@Component
public class GrantStore implements AccessTokenResolver, Resettable {


    /** A live grant of an account to a client; scopes (all ever consented to) keep the order they were granted in. */
    public record Grant(String subject, String email, String clientId, Set<String> scopes, Instant grantedAt) {
        public Grant {
            scopes = Collections.unmodifiableSet(new LinkedHashSet<>(scopes));
        }

        public boolean covers(Set<String> requested) {
            return scopes.containsAll(requested);
        }
    }

    record GrantKey(String subject, String clientId) {
    }

    /** The outcome of a consent: the grant as it now stands and whether it is the account's first to this client. */
    public record Consent(Grant grant, boolean first) {
    }

    private record RefreshToken(String value, GrantKey grant, Set<String> scopes, Instant issuedAt, Instant expiresAt,
                                Instant lastUsedAt) {
        RefreshToken used(Instant at) {
            return new RefreshToken(value, grant, scopes, issuedAt, expiresAt, at);
        }

        boolean liveAt(Instant now, Duration unusedLifetime) {
            return (expiresAt == null || now.isBefore(expiresAt)) && now.isBefore(lastUsedAt.plus(unusedLifetime));
        }
    }

    private record AccessToken(String value, GrantKey grant, Set<String> scopes, Instant expiresAt, boolean offline) {
    }

    /**
     * What the token endpoint hands out. {@code refreshTokenExpiresIn} only for time-limited grants;
     * {@code scopes} are the tokens' own.
     */
    public record Issued(String accessToken, Duration expiresIn, String refreshToken, Duration refreshTokenExpiresIn,
                         Set<String> scopes, Grant grant) {
        public Issued {
            scopes = Collections.unmodifiableSet(new LinkedHashSet<>(scopes));
        }

        @Override
        public String toString() {
            return "Issued[grant=" + grant.subject() + "/" + grant.clientId() + "]";
        }
    }

    /** Why a refresh token does not work; the token endpoint turns each into Google's invalid_grant. */
    public enum RefreshRefusal { UNKNOWN_OR_REVOKED, EXPIRED, WRONG_CLIENT }

    public static final class RefreshRefused extends RuntimeException {
        private final RefreshRefusal refusal;
        private final Instant endedAt;

        RefreshRefused(RefreshRefusal refusal, Instant endedAt) {
            super("refresh refused: " + refusal);
            this.refusal = refusal;
            this.endedAt = endedAt;
        }

        public RefreshRefusal refusal() {
            return refusal;
        }

        /** When a once valid token died (revoked, evicted by the cap, expired); empty for one never issued. */
        public Optional<Instant> endedAt() {
            return Optional.ofNullable(endedAt);
        }
    }

    /** The grant ended (revoked) between consent and the code exchange. */
    public static final class GrantGone extends RuntimeException {
        GrantGone() {
            super("the grant no longer exists");
        }
    }

    private final Clock clock;
    private final EmulatorProperties properties;
    private final IssuedSecrets issued;
    private final Map<GrantKey, Grant> grants = new ConcurrentHashMap<>();
    private final Map<String, RefreshToken> refreshTokens = new ConcurrentHashMap<>();
    private final Map<String, AccessToken> accessTokens = new ConcurrentHashMap<>();
    /** refresh token → when it stopped working, for the "Bad Request after N hours" switch */
    private final Map<String, Instant> endedRefreshTokens = new ConcurrentHashMap<>();

    public GrantStore(Clock clock, EmulatorProperties properties, IssuedSecrets issued) {
        this.clock = clock;
        this.properties = properties;
        this.issued = issued;
    }

    public Optional<Grant> grant(String subject, String clientId) {
        return Optional.ofNullable(grants.get(new GrantKey(subject, clientId)));
    }

    /** The account clicked Allow: the grant now also holds {@code scopes}. */
    public synchronized Consent recordConsent(String subject, String email, String clientId, Set<String> scopes) {
        GrantKey key = new GrantKey(subject, clientId);
        Set<String> granted = new LinkedHashSet<>();
        Grant existing = grants.get(key);
        if (existing != null) {
            granted.addAll(existing.scopes());
        }
        granted.addAll(scopes);
        Grant grant = new Grant(subject, email, clientId, granted, existing != null ? existing.grantedAt() : clock.instant());
        grants.put(key, grant);
        return new Consent(grant, existing == null);
    }

    /**
     * Tokens for a grant consented to earlier (the code exchange).
     *
     * @param scopes               what the tokens cover: a subset of the grant's scopes
     * @param offline              an offline authorization ({@code access_type=offline}), whether or not it brings a refresh token
     * @param withRefreshToken     whether Google would return a refresh token for this exchange
     * @param refreshTokenLifetime null for a token that lives until revoked or unused for 6 months
     * @throws GrantGone if the grant was revoked after the consent
     */
    public synchronized Issued issue(String subject, String clientId, Set<String> scopes, boolean offline, boolean withRefreshToken,
                                     Duration refreshTokenLifetime) {
        GrantKey key = new GrantKey(subject, clientId);
        Grant grant = grants.get(key);
        if (grant == null) {
            throw new GrantGone();
        }
        Set<String> tokenScopes = new LinkedHashSet<>(scopes);
        tokenScopes.retainAll(grant.scopes());
        String refresh = withRefreshToken ? newRefreshToken(key, tokenScopes, refreshTokenLifetime) : null;
        return new Issued(newAccessToken(key, tokenScopes, offline || refresh != null), properties.tokens().accessTokenLifetime(), refresh,
                refresh == null ? null : refreshTokenLifetime, tokenScopes, grant);
    }

    /**
     * Consent and tokens in one step (the admin shortcut for tests that start after the connect flow).
     *
     * @param addToExistingScopes {@code include_granted_scopes=true}: the grant keeps earlier scopes
     * @param offline             {@code access_type=offline}. The shortcut stands for a consent screen just
     *                            shown, after which Google gives an offline request a refresh token (as the token
     *                            endpoint does on a first consent or {@code prompt=consent}), an online one none
     */
    public synchronized Issued consent(String subject, String email, String clientId, Set<String> scopes,
                                       boolean addToExistingScopes, boolean offline, Duration refreshTokenLifetime) {
        Consent consent = recordConsent(subject, email, clientId, scopes);
        boolean withRefreshToken = offline;
        return issue(subject, clientId, addToExistingScopes ? consent.grant().scopes() : scopes, offline, withRefreshToken,
                refreshTokenLifetime);
    }

    /** A new access token for a refresh token of {@code clientId}; no new refresh token (Google does not rotate). */
    public synchronized Issued refresh(String refreshTokenValue, String clientId) {
        RefreshToken token = refreshTokens.get(refreshTokenValue);
        if (token == null || !grants.containsKey(token.grant())) {
            throw new RefreshRefused(RefreshRefusal.UNKNOWN_OR_REVOKED, endedRefreshTokens.get(refreshTokenValue));
        }
        if (!token.grant().clientId().equals(clientId)) {
            throw new RefreshRefused(RefreshRefusal.WRONG_CLIENT, null);
        }
        Instant now = clock.instant();
        if (!token.liveAt(now, properties.tokens().unusedRefreshTokenLifetime())) {
            refreshTokens.remove(refreshTokenValue);
            Instant unusedLimit = token.lastUsedAt().plus(properties.tokens().unusedRefreshTokenLifetime());
            Instant endedAt = token.expiresAt() != null && token.expiresAt().isBefore(unusedLimit) ? token.expiresAt() : unusedLimit;
            endedRefreshTokens.put(refreshTokenValue, endedAt);
            throw new RefreshRefused(RefreshRefusal.EXPIRED, endedAt);
        }
        refreshTokens.put(refreshTokenValue, token.used(now));
        Grant grant = grants.get(token.grant());
        Duration left = token.expiresAt() == null ? null : Duration.between(now, token.expiresAt());
        return new Issued(newAccessToken(token.grant(), token.scopes(), true), properties.tokens().accessTokenLifetime(), null, left,
                token.scopes(), grant);
    }

    /**
     * Revokes the whole grant the token (access or refresh) belongs to; false if the token is unknown,
     * expired or already revoked.
     */
    public synchronized boolean revoke(String anyToken) {
        Instant now = clock.instant();
        GrantKey key = Optional.ofNullable(refreshTokens.get(anyToken))
                .filter(token -> token.liveAt(now, properties.tokens().unusedRefreshTokenLifetime()))
                .map(RefreshToken::grant)
                .or(() -> Optional.ofNullable(accessTokens.get(anyToken))
                        .filter(token -> now.isBefore(token.expiresAt()))
                        .map(AccessToken::grant))
                .orElse(null);
        if (key == null || !grants.containsKey(key)) {
            return false;
        }
        grants.remove(key);
        refreshTokens.values().removeIf(token -> {
            if (token.grant().equals(key)) {
                endedRefreshTokens.put(token.value(), now);
                return true;
            }
            return false;
        });
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
        return Optional.of(new TokenPrincipal(grant.subject(), grant.email(), grant.clientId(), token.scopes(), token.expiresAt(),
                token.offline()));
    }

    private String newRefreshToken(GrantKey key, Set<String> scopes, Duration lifetime) {
        Instant now = clock.instant();
        List<RefreshToken> live = new ArrayList<>(refreshTokens.values().stream()
                .filter(token -> token.grant().equals(key)).sorted(Comparator.comparing(RefreshToken::issuedAt)).toList());
        int cap = properties.tokens().maxRefreshTokensPerAccountAndClient();
        while (live.size() >= cap) {
            String oldest = live.remove(0).value();
            refreshTokens.remove(oldest);
            endedRefreshTokens.put(oldest, now);
        }
        String value = issued.record(IssuedSecrets.Kind.REFRESH_TOKEN, "1//0" + SecretsGenerator.randomToken(72));
        // issuedAt must order tokens even when the clock does not move between two of them
        Instant issuedAt = live.isEmpty() || now.isAfter(live.get(live.size() - 1).issuedAt())
                ? now : live.get(live.size() - 1).issuedAt().plusNanos(1);
        refreshTokens.put(value, new RefreshToken(value, key, ordered(scopes), issuedAt,
                lifetime == null ? null : now.plus(lifetime), now));
        return value;
    }

    private String newAccessToken(GrantKey key, Set<String> scopes, boolean offline) {
        String value = issued.record(IssuedSecrets.Kind.ACCESS_TOKEN, "ya29.a0" + SecretsGenerator.randomToken(120));
        accessTokens.put(value, new AccessToken(value, key, ordered(scopes),
                clock.instant().plus(properties.tokens().accessTokenLifetime()), offline));
        return value;
    }

    private static Set<String> ordered(Set<String> scopes) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(scopes));
    }

    @Override
    public synchronized void reset() {
        grants.clear();
        refreshTokens.clear();
        accessTokens.clear();
        endedRefreshTokens.clear();
    }
}
