package dev.calsync.token.grant;

import dev.calsync.contracts.token.RevocationReason;
import dev.calsync.token.keys.RefreshTokenCipher;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@code google_oauth_token} and {@code superseded_grant} over R2DBC. */
@Repository
public class GrantRepository {

    private static final String COLUMNS = "subscriber_id, grant_id, granted_at, oauth_client_id, encrypted_refresh_token, "
            + "key_id, scopes, revoked_at, revocation_reason";

    private final DatabaseClient db;

    public GrantRepository(DatabaseClient db) {
        this.db = db;
    }

    public Mono<StoredGrant> find(String subscriberId) {
        return db.sql("SELECT " + COLUMNS + " FROM google_oauth_token WHERE subscriber_id = :subscriber")
                .bind("subscriber", subscriberId)
                .map(GrantRepository::read)
                .one();
    }

    /** The row locked until the surrounding transaction ends, so two writers of one subscriber take turns. */
    public Mono<StoredGrant> findForUpdate(String subscriberId) {
        return db.sql("SELECT " + COLUMNS + " FROM google_oauth_token WHERE subscriber_id = :subscriber FOR UPDATE")
                .bind("subscriber", subscriberId)
                .map(GrantRepository::read)
                .one();
    }

    public Mono<Boolean> isSuperseded(UUID grantId) {
        return db.sql("SELECT 1 FROM superseded_grant WHERE grant_id = :grant")
                .bind("grant", grantId)
                .map(row -> true)
                .one()
                .defaultIfEmpty(false);
    }

    /** Stores {@code grant} as the subscriber's current one, whatever was there (the caller checked it is newer). */
    public Mono<Void> store(NewGrant grant, RefreshTokenCipher.Sealed sealed, Instant now) {
        return db.sql("INSERT INTO google_oauth_token (subscriber_id, grant_id, granted_at, oauth_client_id, "
                        + "encrypted_refresh_token, key_id, scopes, revoked_at, revocation_reason, updated_at) "
                        + "VALUES (:subscriber, :grant, :grantedAt, :client, :ciphertext, :keyId, :scopes, NULL, NULL, :now) "
                        + "ON CONFLICT (subscriber_id) DO UPDATE SET grant_id = EXCLUDED.grant_id, granted_at = EXCLUDED.granted_at, "
                        + "oauth_client_id = EXCLUDED.oauth_client_id, encrypted_refresh_token = EXCLUDED.encrypted_refresh_token, "
                        + "key_id = EXCLUDED.key_id, scopes = EXCLUDED.scopes, revoked_at = NULL, revocation_reason = NULL, "
                        + "updated_at = EXCLUDED.updated_at")
                .bind("subscriber", grant.subscriberId())
                .bind("grant", grant.grantId())
                .bind("grantedAt", grant.grantedAt())
                .bind("client", grant.oauthClientId())
                .bind("ciphertext", sealed.ciphertext())
                .bind("keyId", sealed.keyId())
                .bind("scopes", grant.scopes().toArray(String[]::new))
                .bind("now", now)
                .then();
    }

    public Mono<Void> markSuperseded(String subscriberId, UUID grantId, Instant grantedAt) {
        return db.sql("INSERT INTO superseded_grant (grant_id, subscriber_id, granted_at) VALUES (:grant, :subscriber, :grantedAt) "
                        + "ON CONFLICT (grant_id) DO NOTHING")
                .bind("grant", grantId)
                .bind("subscriber", subscriberId)
                .bind("grantedAt", grantedAt)
                .then();
    }

    /**
     * Marks the grant revoked and scrubs its ciphertext, if it is still the subscriber's live grant.
     *
     * @return whether this call revoked it (false: already revoked, or replaced by a newer grant)
     */
    public Mono<Boolean> revoke(String subscriberId, UUID grantId, RevocationReason reason, Instant now) {
        return db.sql("UPDATE google_oauth_token SET revoked_at = :now, revocation_reason = :reason, "
                        + "encrypted_refresh_token = NULL, key_id = NULL, updated_at = :now "
                        + "WHERE subscriber_id = :subscriber AND grant_id = :grant AND revoked_at IS NULL")
                .bind("now", now)
                .bind("reason", reason.name())
                .bind("subscriber", subscriberId)
                .bind("grant", grantId)
                .fetch().rowsUpdated()
                .map(updated -> updated > 0);
    }

    /** Live grants whose ciphertext is not under {@code keyId}, for a key rotation. */
    public Flux<StoredGrant> liveGrantsNotUnderKey(long keyId) {
        return db.sql("SELECT " + COLUMNS + " FROM google_oauth_token WHERE revoked_at IS NULL AND key_id <> :keyId")
                .bind("keyId", keyId)
                .map(GrantRepository::read)
                .all();
    }

    /** Replaces a live grant's ciphertext, unless the grant changed meanwhile (then the new grant is already current). */
    public Mono<Boolean> replaceCiphertext(StoredGrant grant, RefreshTokenCipher.Sealed sealed, Instant now) {
        return db.sql("UPDATE google_oauth_token SET encrypted_refresh_token = :ciphertext, key_id = :keyId, updated_at = :now "
                        + "WHERE subscriber_id = :subscriber AND grant_id = :grant AND revoked_at IS NULL")
                .bind("ciphertext", sealed.ciphertext())
                .bind("keyId", sealed.keyId())
                .bind("now", now)
                .bind("subscriber", grant.subscriberId())
                .bind("grant", grant.grantId())
                .fetch().rowsUpdated()
                .map(updated -> updated > 0);
    }

    private static StoredGrant read(Readable row) {
        String reason = row.get("revocation_reason", String.class);
        String[] scopes = row.get("scopes", String[].class);
        return new StoredGrant(
                row.get("subscriber_id", String.class),
                row.get("grant_id", UUID.class),
                row.get("granted_at", Instant.class),
                row.get("oauth_client_id", String.class),
                row.get("encrypted_refresh_token", byte[].class),
                row.get("key_id", Long.class),
                scopes == null ? List.of() : Arrays.asList(scopes),
                row.get("revoked_at", Instant.class),
                reason == null ? null : RevocationReason.valueOf(reason));
    }

    /** What a {@code TokenGranted} record contributes to a row, without its ciphertext. */
    public record NewGrant(String subscriberId, UUID grantId, Instant grantedAt, String oauthClientId, List<String> scopes) {
    }
}
