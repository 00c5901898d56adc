package dev.calsync.oauth.outbox;

import dev.calsync.contracts.CalsyncEvent;
import dev.calsync.contracts.ContractJson;
import dev.calsync.contracts.ContractType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The outbox table. {@link #add} joins the caller's transaction, so an event is stored if and only if
 * the change it reports is; {@link OutboxPublisher} sends what is stored.
 */
@Component
public class Outbox {

    /** A stored event; {@code id} becomes the record's CloudEvents id. */
    public record Entry(UUID id, ContractType type, byte[] payload) {
        public CalsyncEvent event() {
            return ContractJson.decode(payload, type.payloadType());
        }
    }

    private final DatabaseClient db;
    private final Clock clock;

    public Outbox(DatabaseClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public Mono<UUID> add(String aggregateType, String aggregateId, CalsyncEvent event) {
        UUID id = UUID.randomUUID();
        return db.sql("INSERT INTO outbox (id, aggregate_type, aggregate_id, type, payload, created_at) "
                        + "VALUES (:id, :aggregateType, :aggregateId, :type, :payload, :createdAt)")
                .bind("id", id)
                .bind("aggregateType", aggregateType)
                .bind("aggregateId", aggregateId)
                .bind("type", ContractType.of(event.getClass()).name())
                .bind("payload", ContractJson.encode(event))
                .bind("createdAt", clock.instant())
                .then()
                .thenReturn(id);
    }

    /** The oldest unsent entries, in the order they were written. */
    public Mono<List<Entry>> unsent(int limit) {
        return db.sql("SELECT id, type, payload FROM outbox WHERE sent_at IS NULL ORDER BY created_at, id LIMIT :limit")
                .bind("limit", limit)
                .map(row -> new Entry(row.get("id", UUID.class), ContractType.valueOf(row.get("type", String.class)),
                        row.get("payload", byte[].class)))
                .all()
                .collectList();
    }

    public Mono<Void> markSent(UUID id) {
        Instant now = clock.instant();
        return db.sql("UPDATE outbox SET sent_at = :now WHERE id = :id AND sent_at IS NULL")
                .bind("now", now).bind("id", id).then();
    }

    public Mono<Long> countUnsent() {
        return db.sql("SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL")
                .map(row -> row.get("n", Long.class)).one();
    }
}
