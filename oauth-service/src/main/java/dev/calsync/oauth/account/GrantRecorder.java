package dev.calsync.oauth.account;

import dev.calsync.contracts.token.TokenGranted;
import dev.calsync.oauth.keys.InTransitEncryption;
import dev.calsync.oauth.outbox.Outbox;
import dev.calsync.oauth.outbox.OutboxPublisher;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

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

    public Mono<Recorded> record(NewGrant grant) {
        Instant now = clock.instant();
        UUID grantId = UUID.randomUUID();
        Mono<Recorded> work = db.sql("SELECT subscriber_id FROM google_account WHERE google_subject = :sub FOR UPDATE")
                .bind("sub", grant.googleSubject())
                .map(row -> row.get("subscriber_id", String.class))
                .one()
                .map(existing -> new Recorded(existing, grantId, false, grant.email()))
                .switchIfEmpty(Mono.defer(() -> createSubscriber(grantId, grant.email(), now)))
                .flatMap(recorded -> upsertAccount(recorded, grant, now)
                        .then(outbox.add("subscriber", recorded.subscriberId(), tokenGranted(recorded, grant, now)))
                        .thenReturn(recorded));
        return transaction.transactional(work).doOnSuccess(recorded -> publisher.wakeUp());
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
                        + "WHERE google_account.subscriber_id = EXCLUDED.subscriber_id")
                .bind("sub", grant.googleSubject())
                .bind("subscriber", recorded.subscriberId())
                .bind("email", grant.email())
                .bind("client", grant.oauthClientId())
                .bind("grant", recorded.grantId())
                .bind("now", now)
                .fetch().rowsUpdated()
                .flatMap(rows -> rows == 1 ? Mono.<Void>empty()
                        // rolls the whole transaction back: no subscriber without a grant
                        : Mono.error(new IllegalStateException("the same Google account was connected twice at once; try again")));
    }

    private TokenGranted tokenGranted(Recorded recorded, NewGrant grant, Instant now) {
        return new TokenGranted(recorded.subscriberId(), recorded.grantId(), now, grant.googleSubject(), grant.email(),
                grant.scopes(), grant.oauthClientId(), refreshTokens.encrypt(grant.refreshToken(), recorded.subscriberId()));
    }
}
