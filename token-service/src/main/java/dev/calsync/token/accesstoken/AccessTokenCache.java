package dev.calsync.token.accesstoken;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/**
 * Access tokens in memory only, one per subscriber, tagged with the grant they were refreshed under. Never
 * written to the database or logged: an access token is a bearer credential for the person's calendar.
 */
@Component
public class AccessTokenCache {

    /** One cached token; {@code toString} leaves the token out. */
    public record CachedAccessToken(UUID grantId, String accessToken, Instant expiresAt) {
        @Override
        public String toString() {
            return "CachedAccessToken[grantId=" + grantId + ", expiresAt=" + expiresAt + "]";
        }
    }

    private final ConcurrentMap<String, CachedAccessToken> tokens = new ConcurrentHashMap<>();

    public Optional<CachedAccessToken> find(String subscriberId, UUID grantId) {
        return Optional.ofNullable(tokens.get(subscriberId)).filter(cached -> cached.grantId().equals(grantId));
    }

    public void put(String subscriberId, CachedAccessToken token) {
        tokens.put(subscriberId, token);
    }

    /** After a revocation or a new grant: the old grant's access token must not be handed out again. */
    public void drop(String subscriberId) {
        tokens.remove(subscriberId);
    }
}
