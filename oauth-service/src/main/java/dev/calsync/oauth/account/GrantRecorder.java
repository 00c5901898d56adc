package dev.calsync.oauth.account;

import dev.calsync.contracts.token.TokenGranted;
import dev.calsync.oauth.keys.InTransitEncryption;
import dev.calsync.oauth.outbox.Outbox;
import dev.calsync.oauth.outbox.OutboxPublisher;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The one place a grant becomes durable, whichever front door it came through: in one transaction the
 * subscriber (new for an unknown Google {@code sub}), its google_account and a {@link TokenGranted}
 * outbox row carrying the refresh token encrypted for token-service. Nothing is half-created: a
 * subscriber never exists without a grant.
 */
@Service
public class GrantRecorder {

    /** What a successful code exchange produced. {@code refreshToken} is plaintext: keep it in memory only. */
    public record NewGrant(String googleSubject, String email, List<String> scopes, String oauthClientId,
                           String refreshToken) {
        @Override
        public String toString() {
            return "NewGrant[googleSubject=" + googleSubject + ", email=" + email + ", scopes=" + scopes
                    + ", oauthClientId=" + oauthClientId + ", refreshToken=<redacted>]";
        }
    }

    /** The person now signed in. */
    public record Recorded(String subscriberId, UUID grantId, boolean newSubscriber, String email) {
    }

    private final DatabaseClient db;
    private final TransactionalOperator transaction;
    private final Outbox outbox;
    private final OutboxPublisher publisher;
    private final InTransitEncryption refreshTokens;
    private final Clock clock;

    public GrantRecorder(DatabaseClient db, TransactionalOperator transaction, Outbox outbox, OutboxPublisher publisher,
                         @Qualifier("refreshTokens") InTransitEncryption refreshTokens, Clock clock) {
        this.db = db;
        this.transaction = transaction;
        this.outbox = outbox;
        this.publisher = publisher;
        this.refreshTokens = refreshTokens;
        this.clock = clock;
    }

    /**
     * Records {@code grant}. Two first sign-ins of the same new Google account at once (two taps, two
     * devices) both insert a subscriber; the one whose account insert loses rolls back and is recorded
     * again, now as a sign-in of the winner's subscriber, with a {@code grantedAt} after the winner's (see
     * {@link #attempt}). Both grants reach token-service, and the newer {@code grantedAt} wins there, as for
     * any two sign-ins.
     */
    public Mono<Recorded> record(NewGrant grant) {
        return Mono.defer(() -> transaction.transactional(attempt(grant)))
                .retryWhen(Retry.max(1).filter(LostFirstSignInRace.class::isInstance)
                        .onRetryExhaustedThrow((spec, signal) -> signal.failure()))
                .doOnSuccess(recorded -> publisher.wakeUp());
    }

    /**
     * One try in one transaction, with a new grant id. Its {@code grantedAt} is this instance's clock, but never
     * at or before the stored grant's: the instance that recorded that one (the winner of a first sign-in race,
     * or any earlier sign-in) may have a clock ahead of ours, and token-service keeps the newer grant, so this
     * newer one must also be the later. The row is locked, so no one else moves it meanwhile.
     */
    private Mono<Recorded> attempt(NewGrant grant) {
        UUID grantId = UUID.randomUUID();
        return db.sql("SELECT subscriber_id, granted_at FROM google_account WHERE google_subject = :sub FOR UPDATE")
                .bind("sub", grant.googleSubject())
                .map(row -> new Existing(row.get("subscriber_id", String.class), row.get("granted_at", Instant.class)))
                .one()
                .map(existing -> new Attempt(new Recorded(existing.subscriberId(), grantId, false, grant.email()),
                        after(existing.grantedAt())))
                .switchIfEmpty(Mono.defer(() -> {
                    Instant now = clock.instant();
                    return createSubscriber(grantId, grant.email(), now).map(recorded -> new Attempt(recorded, now));
                }))
                .flatMap(attempt -> upsertAccount(attempt.recorded(), grant, attempt.grantedAt())
                        .then(outbox.add("subscriber", attempt.recorded().subscriberId(),
                                tokenGranted(attempt.recorded(), grant, attempt.grantedAt())))
                        .thenReturn(attempt.recorded()));
    }

    private record Existing(String subscriberId, Instant grantedAt) {
    }

    private record Attempt(Recorded recorded, Instant grantedAt) {
    }

    /** Now, or 1 µs after {@code previous} when that is not before now (timestamptz keeps microseconds). */
    private Instant after(Instant previous) {
        Instant now = clock.instant();
        if (previous == null) {
            return now;
        }
        Instant next = previous.plus(1, ChronoUnit.MICROS);
        return now.isBefore(next) ? next : now;
    }

    private Mono<Recorded> createSubscriber(UUID grantId, String email, Instant now) {
        String subscriberId = "sub_" + UUID.randomUUID();
        return db.sql("INSERT INTO subscriber (id, created_at) VALUES (:id, :now)")
                .bind("id", subscriberId).bind("now", now)
                .then()
                .thenReturn(new Recorded(subscriberId, grantId, true, email));
    }

    private Mono<Void> upsertAccount(Recorded recorded, NewGrant grant, Instant now) {
        return db.sql("INSERT INTO google_account (google_subject, subscriber_id, email, oauth_client_id, grant_id, granted_at) "
                        + "VALUES (:sub, :subscriber, :email, :client, :grant, :now) "
                        + "ON CONFLICT (google_subject) DO UPDATE SET email = EXCLUDED.email, "
                        + "oauth_client_id = EXCLUDED.oauth_client_id, grant_id = EXCLUDED.grant_id, "
                        + "granted_at = EXCLUDED.granted_at, revoked_at = NULL, revocation_reason = NULL "
                        // a concurrent first sign-in of the same account created another subscriber: update nothing
                        // (PostgreSQL waits for that transaction, then finds the conflict)
                        + "WHERE google_account.subscriber_id = EXCLUDED.subscriber_id")
                .bind("sub", grant.googleSubject())
                .bind("subscriber", recorded.subscriberId())
                .bind("email", grant.email())
                .bind("client", grant.oauthClientId())
                .bind("grant", recorded.grantId())
                .bind("now", now)
                .fetch().rowsUpdated()
                // 0: a concurrent first sign-in of this account inserted it for its own new subscriber and committed
                // first; failing rolls this transaction back (no subscriber without a grant) for record() to retry
                .flatMap(rows -> rows == 1 ? Mono.<Void>empty() : Mono.error(new LostFirstSignInRace()));
    }

    /** This first sign-in's account insert lost to a concurrent one of the same Google account. */
    private static final class LostFirstSignInRace extends RuntimeException {
        LostFirstSignInRace() {
            super("the same Google account was connected twice at once", null, false, false);
        }
    }

    private TokenGranted tokenGranted(Recorded recorded, NewGrant grant, Instant now) {
        return new TokenGranted(recorded.subscriberId(), recorded.grantId(), now, grant.googleSubject(), grant.email(),
                grant.scopes(), grant.oauthClientId(), refreshTokens.encrypt(grant.refreshToken(), recorded.subscriberId()));
    }
}
