package dev.calsync.token.accesstoken;

import dev.calsync.secrets.GoogleOAuthClients;
import dev.calsync.token.accesstoken.AccessTokenCache.CachedAccessToken;
import dev.calsync.token.google.GoogleRefusedException;
import dev.calsync.token.google.GoogleTokenClient;
import dev.calsync.token.google.InvalidGrantException;
import dev.calsync.token.google.RefreshedAccessToken;
import dev.calsync.token.grant.GrantRepository;
import dev.calsync.token.grant.StoredGrant;
import dev.calsync.token.keys.RefreshTokenCipher;
import dev.calsync.token.revocation.GrantRevocations;
import dev.calsync.token.web.ApiException;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Hands out access tokens for the grant a caller's change was made under. The grant's state comes from the
 * database on every request, before the cache is read: another instance may have consumed a newer grant or
 * revoked this one, and only its own cache heard of it, so a token cached here for a grant that ended
 * elsewhere is never handed out again (the price is one primary-key read per request). The token itself
 * comes from memory, refreshed at Google when it expires within
 * {@link AccessTokenProperties#refreshBeforeExpiry()} or when the caller forces it. Concurrent requests for
 * one grant share a single refresh.
 */
@Service
@EnableConfigurationProperties(AccessTokenProperties.class)
public class AccessTokenBroker {

    private static final Logger log = LoggerFactory.getLogger(AccessTokenBroker.class);

    private final GrantRepository grants;
    private final AccessTokenCache cache;
    private final RefreshTokenCipher cipher;
    private final GoogleOAuthClients clients;
    private final GoogleTokenClient google;
    private final GrantRevocations revocations;
    private final AccessTokenProperties properties;
    private final AccessTokenRules rules;
    private final Clock clock;
    /** The refresh under way per grant: whoever asks while it runs waits for the same answer. */
    private final ConcurrentMap<UUID, Mono<CachedAccessToken>> refreshing = new ConcurrentHashMap<>();

    public AccessTokenBroker(GrantRepository grants, AccessTokenCache cache, RefreshTokenCipher cipher,
                             GoogleOAuthClients clients, GoogleTokenClient google, GrantRevocations revocations,
                             AccessTokenProperties properties, Clock clock) {
        this.grants = grants;
        this.cache = cache;
        this.cipher = cipher;
        this.clients = clients;
        this.google = google;
        this.revocations = revocations;
        this.properties = properties;
        this.rules = new AccessTokenRules(properties);
        this.clock = clock;
    }

    public Mono<CachedAccessToken> accessToken(String subscriberId, UUID grantId, boolean force) {
        return grants.find(subscriberId)
                .switchIfEmpty(Mono.error(() -> new ApiException(HttpStatus.NOT_FOUND, "unknown_subscriber",
                        "subscriber " + subscriberId + " has no grant")))
                .flatMap(stored -> {
                    Optional<CachedAccessToken> cached = cache.find(stored.subscriberId(), stored.grantId());
                    return switch (rules.next(stored, grantId, force, cached, clock.instant())) {
                        case SERVE_CACHED -> Mono.just(cached.orElseThrow());
                        case REFRESH -> refreshOnce(stored, force);
                        case REVOKED -> Mono.error(revoked(stored));
                        case OTHER_GRANT -> forOtherGrant(stored, grantId);
                    };
                });
    }

    private Optional<CachedAccessToken> freshCached(StoredGrant grant) {
        return cache.find(grant.subscriberId(), grant.grantId()).filter(token -> rules.fresh(token, clock.instant()));
    }

    /** Not the stored grant: an older one (skip the change) or one not consumed yet (try again). */
    private Mono<CachedAccessToken> forOtherGrant(StoredGrant stored, UUID grantId) {
        return grants.isSuperseded(grantId).flatMap(superseded -> Mono.error(superseded
                ? new ApiException(HttpStatus.CONFLICT, "grant_superseded",
                        "grant " + grantId + " of subscriber " + stored.subscriberId() + " was replaced by a newer grant")
                : new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "grant_not_yet_known",
                        "grant " + grantId + " of subscriber " + stored.subscriberId() + " is not known yet; try again",
                        properties.grantNotYetKnownRetryAfter())));
    }

    private Mono<CachedAccessToken> refreshOnce(StoredGrant grant, boolean force) {
        return refreshing.computeIfAbsent(grant.grantId(), id -> Mono.defer(() -> {
                    // a refresh that ended between this caller's cache look-up and now already did the work
                    var cached = force ? Optional.<CachedAccessToken>empty() : freshCached(grant);
                    return cached.map(Mono::just).orElseGet(() -> refresh(grant));
                })
                .doFinally(signal -> refreshing.remove(id))
                .cache());
    }

    private Mono<CachedAccessToken> refresh(StoredGrant grant) {
        return Mono.fromCallable(() -> google.refresh(client(grant), cipher.decrypt(grant.subscriberId(), grant.encryptedRefreshToken())))
                // Google's client blocks; never on the event loop
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorResume(InvalidGrantException.class, dead -> {
                    log.warn("grant {} of subscriber {}: {}", grant.grantId(), grant.subscriberId(), dead.getMessage());
                    return revocations.invalidGrant(grant).then(Mono.error(revoked(grant)));
                })
                .flatMap(refreshed -> keepIfStillCurrent(grant, refreshed));
    }

    /** A disconnect or a new grant may have landed while Google answered; then the token must not be handed out. */
    private Mono<CachedAccessToken> keepIfStillCurrent(StoredGrant grant, RefreshedAccessToken refreshed) {
        CachedAccessToken token = new CachedAccessToken(grant.grantId(), refreshed.accessToken(), clock.instant().plus(refreshed.expiresIn()));
        return grants.find(grant.subscriberId())
                .filter(storedNow -> AccessTokenRules.stillCurrent(storedNow, grant.grantId()))
                .map(current -> {
                    cache.put(grant.subscriberId(), token);
                    log.info("refreshed the access token of grant {} of subscriber {}, expires at {}",
                            grant.grantId(), grant.subscriberId(), token.expiresAt());
                    return token;
                })
                .switchIfEmpty(Mono.error(() -> new ApiException(HttpStatus.CONFLICT, "grant_revoked",
                        "grant " + grant.grantId() + " of subscriber " + grant.subscriberId() + " ended during the refresh")));
    }

    private GoogleOAuthClients.Client client(StoredGrant grant) {
        return clients.byClientId(grant.oauthClientId()).orElseThrow(() -> new GoogleRefusedException(
                "grant " + grant.grantId() + " belongs to OAuth client " + grant.oauthClientId()
                        + ", which is not in GOOGLE_OAUTH_CLIENTS"));
    }

    private static ApiException revoked(StoredGrant grant) {
        return new ApiException(HttpStatus.CONFLICT, "grant_revoked",
                "grant " + grant.grantId() + " of subscriber " + grant.subscriberId() + " is revoked");
    }
}
