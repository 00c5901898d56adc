package dev.calsync.token.accesstoken;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calsync.contracts.token.RevocationReason;
import dev.calsync.token.accesstoken.AccessTokenCache.CachedAccessToken;
import dev.calsync.token.accesstoken.AccessTokenRules.Step;
import dev.calsync.token.grant.StoredGrant;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which answer an access-token request gets, and when a cached or freshly refreshed token may be handed out. */
class AccessTokenRulesTest {

    static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");
    static final UUID GRANT = UUID.randomUUID();
    /** Refresh when a token expires within 5 minutes, as by default. */
    final AccessTokenRules rules = new AccessTokenRules(new AccessTokenProperties(Duration.ofMinutes(5), Duration.ofSeconds(5)));

    static StoredGrant stored(UUID grantId, Instant revokedAt) {
        return new StoredGrant("sub-1", grantId, NOW.minusSeconds(3600), "web-client", revokedAt == null ? new byte[] {1} : null,
                revokedAt == null ? 7L : null, List.of("openid"), revokedAt, revokedAt == null ? null : RevocationReason.USER_DISCONNECT);
    }

    static Optional<CachedAccessToken> cachedExpiringIn(Duration lifetime) {
        return Optional.of(new CachedAccessToken(GRANT, "ya29.token", NOW.plus(lifetime)));
    }

    @Test
    void aFreshCachedTokenIsServedUnlessTheCallerForcesARefresh() {
        StoredGrant live = stored(GRANT, null);
        assertThat(rules.next(live, GRANT, false, cachedExpiringIn(Duration.ofMinutes(30)), NOW)).isEqualTo(Step.SERVE_CACHED);
        assertThat(rules.next(live, GRANT, true, cachedExpiringIn(Duration.ofMinutes(30)), NOW)).isEqualTo(Step.REFRESH);
    }

    @Test
    void nothingCachedOrATokenAboutToExpireIsRefreshedFirst() {
        StoredGrant live = stored(GRANT, null);
        assertThat(rules.next(live, GRANT, false, Optional.empty(), NOW)).isEqualTo(Step.REFRESH);
        assertThat(rules.next(live, GRANT, false, cachedExpiringIn(Duration.ofMinutes(5)), NOW))
                .as("expires just as the margin ends").isEqualTo(Step.REFRESH);
        assertThat(rules.next(live, GRANT, false, cachedExpiringIn(Duration.ofMinutes(5).plusSeconds(1)), NOW))
                .isEqualTo(Step.SERVE_CACHED);
        assertThat(rules.next(live, GRANT, false, cachedExpiringIn(Duration.ofMinutes(-1)), NOW)).isEqualTo(Step.REFRESH);
    }

    @Test
    void aRevokedGrantGetsNoTokenEvenWithOneStillCached() {
        assertThat(rules.next(stored(GRANT, NOW.minusSeconds(1)), GRANT, false, cachedExpiringIn(Duration.ofMinutes(30)), NOW))
                .isEqualTo(Step.REVOKED);
    }

    @Test
    void aGrantThatIsNotTheStoredOneIsNeverServedWhateverTheCacheHolds() {
        UUID other = UUID.randomUUID();
        assertThat(rules.next(stored(GRANT, null), other, false, cachedExpiringIn(Duration.ofMinutes(30)), NOW))
                .isEqualTo(Step.OTHER_GRANT);
        assertThat(rules.next(stored(GRANT, NOW.minusSeconds(1)), other, true, Optional.empty(), NOW))
                .as("a revoked stored grant does not make another grant revoked").isEqualTo(Step.OTHER_GRANT);
    }

    @Test
    void aRefreshedTokenIsKeptOnlyIfItsGrantIsStillTheLiveStoredOne() {
        assertThat(AccessTokenRules.stillCurrent(stored(GRANT, null), GRANT)).isTrue();
        assertThat(AccessTokenRules.stillCurrent(stored(GRANT, NOW), GRANT)).as("disconnected meanwhile").isFalse();
        assertThat(AccessTokenRules.stillCurrent(stored(UUID.randomUUID(), null), GRANT)).as("a newer grant meanwhile").isFalse();
    }
}
