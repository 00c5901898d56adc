package dev.calsync.token.accesstoken;

import dev.calsync.token.accesstoken.AccessTokenCache.CachedAccessToken;
import dev.calsync.token.grant.StoredGrant;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The access-token broker's decisions, apart from the database, the cache and Google that carry them out
 * (see {@link AccessTokenBroker}): which answer a request gets, when a cached token is still good to hand
 * out, and when a token refreshed meanwhile may still be kept.
 */
final class AccessTokenRules {

    /** What a request for the access token of a grant gets. */
    enum Step {
        /** The cached token, fresh enough for the caller's Google call. */
        SERVE_CACHED,
        /** A refresh at Google (nothing cached, about to expire, or forced by the caller). */
        REFRESH,
        /** 409: the requested grant is the stored one, and it is revoked. */
        REVOKED,
        /** Not the stored grant: an older one (409, skip the change) or one not consumed yet (503, try again). */
        OTHER_GRANT
    }

    private final AccessTokenProperties properties;

    AccessTokenRules(AccessTokenProperties properties) {
        this.properties = properties;
    }

    /**
     * @param stored  the subscriber's grant as the database holds it now (another instance may have changed it)
     * @param cached  this instance's cached token of the stored grant, if any
     */
    Step next(StoredGrant stored, UUID requestedGrant, boolean force, Optional<CachedAccessToken> cached, Instant now) {
        if (!stored.grantId().equals(requestedGrant)) {
            return Step.OTHER_GRANT;
        }
        if (stored.revoked()) {
            return Step.REVOKED;
        }
        return !force && cached.filter(token -> fresh(token, now)).isPresent() ? Step.SERVE_CACHED : Step.REFRESH;
    }

    /** Good for a Google call that starts now: it does not expire within {@code refreshBeforeExpiry}. */
    boolean fresh(CachedAccessToken token, Instant now) {
        return now.plus(properties.refreshBeforeExpiry()).isBefore(token.expiresAt());
    }

    /**
     * Whether a token refreshed for {@code refreshedGrant} may be cached and handed out, given the grant the
     * database holds once Google answered: not if a disconnect or a newer grant landed meanwhile.
     */
    static boolean stillCurrent(StoredGrant storedNow, UUID refreshedGrant) {
        return storedNow.grantId().equals(refreshedGrant) && !storedNow.revoked();
    }
}
