package dev.calsync.token.revocation;

import dev.calsync.contracts.status.SyncOutcome;
import dev.calsync.contracts.status.SyncStage;
import dev.calsync.contracts.status.SyncStatus;
import dev.calsync.contracts.token.RevocationReason;
import dev.calsync.contracts.token.TokenRevoked;
import dev.calsync.support.messaging.EventPublisher;
import dev.calsync.token.accesstoken.AccessTokenCache;
import dev.calsync.token.google.GoogleTokenClient;
import dev.calsync.token.grant.GrantRepository;
import dev.calsync.token.grant.StoredGrant;
import dev.calsync.token.keys.RefreshTokenCipher;
import dev.calsync.token.web.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Ends grants: on the person's disconnect (revoked at Google first) and when Google answered
 * {@code invalid_grant}. Either way the ciphertext is scrubbed, cached access tokens are dropped and
 * {@code TokenRevoked} names the grant. Only the call that flips the row publishes, so a disconnect racing
 * an {@code invalid_grant} publishes once.
 */
@Service
public class GrantRevocations {

    private static final Logger log = LoggerFactory.getLogger(GrantRevocations.class);
    static final String RECONNECT_MESSAGE = "Google no longer accepts calsync's access to your calendar. Connect your Google account again.";

    private final GrantRepository grants;
    private final RefreshTokenCipher cipher;
    private final GoogleTokenClient google;
    private final AccessTokenCache cache;
    private final EventPublisher publisher;
    private final Clock clock;

    public GrantRevocations(GrantRepository grants, RefreshTokenCipher cipher, GoogleTokenClient google,
                            AccessTokenCache cache, EventPublisher publisher, Clock clock) {
        this.grants = grants;
        this.cipher = cipher;
        this.google = google;
        this.cache = cache;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** What a disconnect ended. */
    public record RevokedGrant(String subscriberId, UUID grantId, RevocationReason reason, Instant revokedAt) {
    }

    /**
     * The person disconnected: revoke at Google, then scrub and publish, and only then answer, so that a new
     * consent cannot be killed by a late revoke of the old grant. If Google cannot be reached the grant stays.
     */
    public Mono<RevokedGrant> disconnect(String subscriberId) {
        return grants.find(subscriberId)
                .switchIfEmpty(Mono.error(() -> new ApiException(HttpStatus.NOT_FOUND, "unknown_subscriber",
                        "subscriber " + subscriberId + " has no grant")))
                .flatMap(grant -> grant.revoked() ? alreadyRevoked(grant) : revokeAtGoogleThenHere(grant));
    }

    private Mono<RevokedGrant> revokeAtGoogleThenHere(StoredGrant grant) {
        return Mono.fromCallable(() -> google.revoke(cipher.decrypt(grant.subscriberId(), grant.encryptedRefreshToken())))
                .subscribeOn(Schedulers.boundedElastic())
                .doOnNext(outcome -> log.info("grant {} of subscriber {} revoked at Google: {}", grant.grantId(), grant.subscriberId(), outcome))
                .then(Mono.defer(() -> {
                    Instant now = now();
                    return grants.revoke(grant.subscriberId(), grant.grantId(), RevocationReason.USER_DISCONNECT, now)
                            .flatMap(flipped -> flipped
                                    ? announce(new RevokedGrant(grant.subscriberId(), grant.grantId(), RevocationReason.USER_DISCONNECT, now), false)
                                    // a newer grant or an invalid_grant got there first; report what is stored now
                                    : grants.find(grant.subscriberId()).flatMap(current -> current.revoked()
                                            ? alreadyRevoked(current)
                                            : Mono.error(new ApiException(HttpStatus.CONFLICT, "grant_replaced",
                                                    "subscriber " + grant.subscriberId() + " has a newer grant " + current.grantId()))));
                }));
    }

    /** Asked again (the caller's first answer was lost): publish again, as consumers are idempotent, and say so. */
    private Mono<RevokedGrant> alreadyRevoked(StoredGrant grant) {
        cache.drop(grant.subscriberId());
        return announce(new RevokedGrant(grant.subscriberId(), grant.grantId(), grant.revocationReason(), grant.revokedAt()), false);
    }

    /** Google answered {@code invalid_grant}: the grant is dead; the person must connect again. */
    public Mono<Void> invalidGrant(StoredGrant grant) {
        Instant now = now();
        return grants.revoke(grant.subscriberId(), grant.grantId(), RevocationReason.INVALID_GRANT, now)
                .flatMap(flipped -> flipped
                        ? announce(new RevokedGrant(grant.subscriberId(), grant.grantId(), RevocationReason.INVALID_GRANT, now), true)
                        : Mono.empty())
                .then();
    }

    /** PostgreSQL keeps microseconds: the time answered and published is the one stored. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private Mono<RevokedGrant> announce(RevokedGrant revoked, boolean askToReconnect) {
        return Mono.fromCallable(() -> {
                    cache.drop(revoked.subscriberId());
                    publisher.publish(new TokenRevoked(revoked.subscriberId(), revoked.grantId(), revoked.reason(), revoked.revokedAt()));
                    if (askToReconnect) {
                        publisher.publish(new SyncStatus(revoked.subscriberId(), null, SyncStage.TOKEN, SyncOutcome.FAILED, null,
                                RECONNECT_MESSAGE, revoked.revokedAt()));
                    }
                    log.info("grant {} of subscriber {} revoked ({}) and scrubbed", revoked.grantId(), revoked.subscriberId(), revoked.reason());
                    return revoked;
                })
                // the producer is synchronous: it blocks until the broker has the record
                .subscribeOn(Schedulers.boundedElastic());
    }
}
