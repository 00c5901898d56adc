package dev.calsync.oauth.account;

import dev.calsync.contracts.token.RevocationReason;
import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The connected Google account of a subscriber, as the page shows it. */
@Component
public class Accounts {

    /** @param revocationReason null while the grant is live */
    public record Account(String subscriberId, String email, UUID grantId, String revocationReason) {
        /** Google ended the grant on its own (not a disconnect): the person must connect again. */
        public boolean reconnectNeeded() {
            return revocationReason != null && !RevocationReason.USER_DISCONNECT.name().equals(revocationReason);
        }

        public boolean disconnected() {
            return RevocationReason.USER_DISCONNECT.name().equals(revocationReason);
        }
    }

    private final DatabaseClient db;

    public Accounts(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Account> find(String subscriberId) {
        return db.sql("SELECT subscriber_id, email, grant_id, revocation_reason FROM google_account WHERE subscriber_id = :s")
                .bind("s", subscriberId)
                .map(row -> new Account(row.get("subscriber_id", String.class), row.get("email", String.class),
                        row.get("grant_id", UUID.class), row.get("revocation_reason", String.class)))
                .one();
    }

    /** Marks the grant revoked if it is still the current one; a revocation of an older grant changes nothing. */
    public Mono<Boolean> markRevoked(String subscriberId, UUID grantId, RevocationReason reason, Instant at) {
        return db.sql("UPDATE google_account SET revoked_at = :at, revocation_reason = :reason "
                        + "WHERE subscriber_id = :s AND grant_id = :g AND revoked_at IS NULL")
                .bind("at", at).bind("reason", reason.name()).bind("s", subscriberId).bind("g", grantId)
                .fetch().rowsUpdated().map(updated -> updated > 0);
    }
}
