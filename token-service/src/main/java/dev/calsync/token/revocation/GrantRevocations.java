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
import dev.calsync.token.web.RetryAfterProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Ends grants: on the person's disconnect (revoked at Google first) and when Google answered
 * {@code invalid_grant}. Either way the ciphertext is scrubbed, cached access tokens are dropped and
 * {@code TokenRevoked} names the grant. Only the call that flips the row publishes, so a disconnect racing
 * an {@code invalid_grant} publishes once.
 *
 * <p>The announcement is never lost: the records are published <em>before</em> the scrub commits, inside its
 * transaction. A publish that fails rolls the scrub back and answers 503, so the grant is never left scrubbed
 * without its {@code TokenRevoked}; the next attempt does it all again — the caller retrying the disconnect
 * (Google then answers {@code invalid_token} for the already revoked token, which counts as revoked), or the
 * next access-token request (Google answers {@code invalid_grant} again). A commit that fails after the publish
 * only means a second {@code TokenRevoked} for the same grant later, which consumers ignore (they key on the
 * grant id). This was chosen over an outbox table because both paths already have a caller that retries, the
 * disconnect must not answer before the event is out (an outbox would answer first and publish later), and it
 * needs no table, poller or coordination between instances. Its price: the row lock and a database connection
 * are held while the broker acknowledges, bounded by the producer's delivery timeout (application.yml).
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
    private final TransactionalOperator transaction;
    private final Duration notAnnouncedRetryAfter;
    private final Clock clock;

    public GrantRevocations(GrantRepository grants, RefreshTokenCipher cipher, GoogleTokenClient google,
                            AccessTokenCache cache, EventPublisher publisher, TransactionalOperator transaction,
                            RetryAfterProperties retryAfter, Clock clock) {
        this.grants = grants;
        this.cipher = cipher;
        this.google = google;
        this.cache = cache;
        this.publisher = publisher;
        this.transaction = transaction;
        this.notAnnouncedRetryAfter = retryAfter.revocationNotAnnounced();
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
        // a retry after a failed announcement meets ALREADY_GONE (400 invalid_token): the grant counts as revoked
        return Mono.fromCallable(() -> google.revoke(cipher.decrypt(grant.subscriberId(), grant.encryptedRefreshToken())))
                .subscribeOn(Schedulers.boundedElastic())
                .doOnNext(outcome -> {
                    // whatever happens next, a token cached for this grant is dead at Google: never hand it out again
                    cache.drop(grant.subscriberId());
                    log.info("grant {} of subscriber {} revoked at Google: {}", grant.grantId(), grant.subscriberId(), outcome);
                })
                .then(Mono.defer(() -> {
                    RevokedGrant revoked = new RevokedGrant(grant.subscriberId(), grant.grantId(), RevocationReason.USER_DISCONNECT, now());
                    return scrubAndAnnounce(revoked, false)
                            .flatMap(flipped -> flipped
                                    ? Mono.just(revoked)
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
        RevokedGrant revoked = new RevokedGrant(grant.subscriberId(), grant.grantId(), grant.revocationReason(), grant.revokedAt());
        return announce(revoked, false).thenReturn(revoked);
    }

    /**
     * Google answered {@code invalid_grant}: the grant is dead; the person must connect again. Fails with a 503
     * (grant left as it was) when the announcement cannot be published.
     */
    public Mono<Void> invalidGrant(StoredGrant grant) {
        return scrubAndAnnounce(new RevokedGrant(grant.subscriberId(), grant.grantId(), RevocationReason.INVALID_GRANT, now()), true)
                .then();
    }

    /**
     * Scrubs the grant and publishes its announcement in one transaction: the scrub commits only once the broker
     * has the records (see the class comment).
     *
     * @return whether this call revoked the grant (false: already revoked, or replaced by a newer grant)
     */
    private Mono<Boolean> scrubAndAnnounce(RevokedGrant revoked, boolean askToReconnect) {
        return transaction.transactional(grants.revoke(revoked.subscriberId(), revoked.grantId(), revoked.reason(), revoked.revokedAt())
                        .flatMap(flipped -> flipped ? announce(revoked, askToReconnect).thenReturn(true) : Mono.just(false)))
                .doOnNext(flipped -> {
                    if (flipped) {
                        cache.drop(revoked.subscriberId());
                        log.info("grant {} of subscriber {} revoked ({}) and scrubbed", revoked.grantId(), revoked.subscriberId(), revoked.reason());
                    }
                });
    }

    /** PostgreSQL keeps microseconds: the time answered and published is the one stored. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private Mono<Void> announce(RevokedGrant revoked, boolean askToReconnect) {
        return Mono.<Void>fromRunnable(() -> {
                    publisher.publish(new TokenRevoked(revoked.subscriberId(), revoked.grantId(), revoked.reason(), revoked.revokedAt()));
                    if (askToReconnect) {
                        publisher.publish(new SyncStatus(revoked.subscriberId(), null, SyncStage.TOKEN, SyncOutcome.FAILED, null,
                                RECONNECT_MESSAGE, revoked.revokedAt()));
                    }
                })
                // the producer is synchronous: it blocks until the broker has the record, so never on an event loop
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorMap(failure -> !(failure instanceof ApiException), failure -> notAnnounced(revoked, failure));
    }

    private ApiException notAnnounced(RevokedGrant revoked, Throwable failure) {
        // the records hold no secret, but the cause's text is a library's: only its type goes into the log
        log.warn("could not publish the revocation ({}) of grant {} of subscriber {}: {}; the caller is asked to try again",
                revoked.reason(), revoked.grantId(), revoked.subscriberId(), failure.getClass().getName());
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "revocation_not_announced",
                "the revocation of grant " + revoked.grantId() + " of subscriber " + revoked.subscriberId()
                        + " could not be published; try again", notAnnouncedRetryAfter);
    }
}
