package dev.calsync.feedingest.grant;

import static dev.calsync.feedingest.feed.FeedRepository.utc;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/** {@code subscriber_grant} (the current grant per subscriber) and {@code revoked_grant} (every revoked one). */
@Repository
public class GrantRepository {

    /** The stored grant of a subscriber. */
    public record StoredGrant(UUID grantId, Instant grantedAt, boolean revoked) {
    }

    private final DatabaseClient db;

    public GrantRepository(DatabaseClient db) {
        this.db = db;
    }

    public Optional<StoredGrant> current(String subscriberId) {
        return Optional.ofNullable(db.sql("SELECT grant_id, granted_at, revoked FROM subscriber_grant WHERE subscriber_id = :s")
                .bind("s", subscriberId)
                .map(row -> {
                    OffsetDateTime grantedAt = row.get("granted_at", OffsetDateTime.class);
                    return new StoredGrant(row.get("grant_id", UUID.class), grantedAt == null ? null : grantedAt.toInstant(),
                            Boolean.TRUE.equals(row.get("revoked", Boolean.class)));
                }).one().block());
    }

    public boolean isRevoked(UUID grantId) {
        return Boolean.TRUE.equals(db.sql("SELECT true AS revoked FROM revoked_grant WHERE grant_id = :g").bind("g", grantId)
                .map(row -> row.get("revoked", Boolean.class)).one().defaultIfEmpty(false).block());
    }

    public void store(String subscriberId, UUID grantId, Instant grantedAt, boolean revoked, Instant now) {
        var spec = db.sql("""
                INSERT INTO subscriber_grant (subscriber_id, grant_id, granted_at, revoked, changed_at)
                VALUES (:s, :g, :grantedAt, :revoked, :now)
                ON CONFLICT (subscriber_id) DO UPDATE SET grant_id = EXCLUDED.grant_id, granted_at = EXCLUDED.granted_at,
                    revoked = EXCLUDED.revoked, changed_at = EXCLUDED.changed_at
                """).bind("s", subscriberId).bind("g", grantId).bind("revoked", revoked).bind("now", utc(now));
        spec = grantedAt == null ? spec.bindNull("grantedAt", OffsetDateTime.class) : spec.bind("grantedAt", utc(grantedAt));
        spec.fetch().rowsUpdated().block();
    }

    public void remember(String subscriberId, UUID revokedGrantId, Instant revokedAt) {
        db.sql("INSERT INTO revoked_grant (grant_id, subscriber_id, revoked_at) VALUES (:g, :s, :at) ON CONFLICT DO NOTHING")
                .bind("g", revokedGrantId).bind("s", subscriberId).bind("at", utc(revokedAt)).fetch().rowsUpdated().block();
    }
}
