package dev.calsync.oauth.session;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.serializer.support.DeserializingConverter;
import org.springframework.core.serializer.support.SerializationFailedException;
import org.springframework.core.serializer.support.SerializingConverter;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.server.WebSession;
import org.springframework.web.server.session.WebSessionStore;
import reactor.core.publisher.Mono;

/**
 * Web sessions in PostgreSQL (table {@code web_session}), so that every instance of the service knows the
 * same sessions and a restart signs nobody out. It takes the place of WebFlux's in-memory store inside
 * {@link org.springframework.web.server.session.DefaultWebSessionManager}, which keeps handling the cookie
 * and decides when a session is saved; Spring Session has no R2DBC store to use instead.
 *
 * <p>A session is written at the end of each request that used it once it holds something (which also
 * records its last access), and never before: a visitor who signs in to nothing leaves no row. Attributes
 * are Java-serialized, as Spring Session's JDBC store keeps them; they are Spring Security's context, whose
 * principal carries subscriber id and email and no token. A row that no longer deserializes (classes changed
 * by an upgrade) counts as no session: the person signs in again. {@link #deleteExpired()} removes rows
 * past their expiry.
 */
public class PostgresWebSessionStore implements WebSessionStore {

    private static final Logger log = LoggerFactory.getLogger(PostgresWebSessionStore.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DatabaseClient db;
    private final Clock clock;
    private final Duration maxIdleTime;
    private final SerializingConverter serializer = new SerializingConverter();
    private final DeserializingConverter deserializer = new DeserializingConverter(PostgresWebSessionStore.class.getClassLoader());

    public PostgresWebSessionStore(DatabaseClient db, Clock clock, Duration maxIdleTime) {
        if (maxIdleTime.isNegative() || maxIdleTime.isZero()) {
            throw new IllegalArgumentException("server.reactive.session.timeout must be positive: stored sessions expire");
        }
        this.db = db;
        this.clock = clock;
        this.maxIdleTime = maxIdleTime;
    }

    @Override
    public Mono<WebSession> createWebSession() {
        return Mono.fromSupplier(() -> new StoredSession(newId(), clock.instant(), maxIdleTime, new HashMap<>(), false));
    }

    @Override
    public Mono<WebSession> retrieveSession(String id) {
        return db.sql("SELECT created_at, max_idle_seconds, attributes FROM web_session WHERE id = :id AND expires_at > :now")
                .bind("id", id).bind("now", clock.instant())
                .map(row -> new Row(row.get("created_at", Instant.class), row.get("max_idle_seconds", Long.class),
                        row.get("attributes", byte[].class)))
                .one()
                .flatMap(row -> {
                    Map<String, Object> attributes;
                    try {
                        attributes = deserialize(row.attributes());
                    } catch (SerializationFailedException e) {
                        log.warn("a stored web session could not be read ({}); it is dropped and its owner signs in again",
                                e.getClass().getSimpleName());
                        return removeSession(id).then(Mono.<WebSession>empty());
                    }
                    return Mono.<WebSession>just(new StoredSession(id, row.createdAt(), Duration.ofSeconds(row.maxIdleSeconds()),
                            attributes, true));
                });
    }

    private record Row(Instant createdAt, long maxIdleSeconds, byte[] attributes) {
    }

    @Override
    public Mono<Void> removeSession(String id) {
        return db.sql("DELETE FROM web_session WHERE id = :id").bind("id", id).then();
    }

    @Override
    public Mono<WebSession> updateLastAccessTime(WebSession webSession) {
        return Mono.fromSupplier(() -> {
            ((StoredSession) webSession).lastAccessTime = clock.instant();
            return webSession;
        });
    }

    /** Deletes every session past its expiry; @return how many. */
    public Mono<Long> deleteExpired() {
        return db.sql("DELETE FROM web_session WHERE expires_at <= :now").bind("now", clock.instant()).fetch().rowsUpdated();
    }

    private static String newId() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> deserialize(byte[] bytes) {
        return (Map<String, Object>) deserializer.convert(bytes);
    }

    private final class StoredSession implements WebSession {

        private volatile String id;
        private final Instant creationTime;
        private volatile Instant lastAccessTime;
        private volatile Duration maxIdleTime;
        private final Map<String, Object> attributes;
        private volatile boolean started;
        /** A row exists under {@link #id}: later saves update it, and never bring back one deleted meanwhile. */
        private volatile boolean stored;
        private volatile boolean invalidated;

        StoredSession(String id, Instant creationTime, Duration maxIdleTime, Map<String, Object> attributes, boolean stored) {
            this.id = id;
            this.creationTime = creationTime;
            this.lastAccessTime = clock.instant();
            this.maxIdleTime = maxIdleTime;
            this.attributes = new ConcurrentHashMap<>(attributes);
            this.stored = stored;
            this.started = stored;
        }

        @Override
        public String getId() {
            return id;
        }

        @Override
        public Map<String, Object> getAttributes() {
            return attributes;
        }

        @Override
        public void start() {
            started = true;
        }

        @Override
        public boolean isStarted() {
            return started || !attributes.isEmpty();
        }

        /** Spring Security calls this on sign-in, so a session id known before it is worth nothing after. */
        @Override
        public Mono<Void> changeSessionId() {
            String previous = id;
            String next = newId();
            id = next;
            return stored ? db.sql("UPDATE web_session SET id = :next WHERE id = :previous")
                    .bind("next", next).bind("previous", previous).then() : Mono.empty();
        }

        @Override
        public Mono<Void> invalidate() {
            invalidated = true;
            attributes.clear();
            started = false;
            return stored ? removeSession(id).doOnSuccess(done -> stored = false) : Mono.empty();
        }

        @Override
        public Mono<Void> save() {
            if (invalidated || !isStarted()) {
                return Mono.empty();
            }
            Instant expiresAt = lastAccessTime.plus(maxIdleTime);
            byte[] serialized = serializer.convert(new HashMap<>(attributes));
            if (stored) {
                return db.sql("UPDATE web_session SET last_access_at = :at, max_idle_seconds = :idle, expires_at = :expires, "
                                + "attributes = :attributes WHERE id = :id")
                        .bind("at", lastAccessTime).bind("idle", maxIdleTime.toSeconds()).bind("expires", expiresAt)
                        .bind("attributes", serialized).bind("id", id)
                        .then();
            }
            return db.sql("INSERT INTO web_session (id, created_at, last_access_at, max_idle_seconds, expires_at, attributes) "
                            + "VALUES (:id, :created, :at, :idle, :expires, :attributes)")
                    .bind("id", id).bind("created", creationTime).bind("at", lastAccessTime)
                    .bind("idle", maxIdleTime.toSeconds()).bind("expires", expiresAt).bind("attributes", serialized)
                    .then()
                    .doOnSuccess(done -> stored = true);
        }

        @Override
        public boolean isExpired() {
            return invalidated || (!maxIdleTime.isNegative() && clock.instant().isAfter(lastAccessTime.plus(maxIdleTime)));
        }

        @Override
        public Instant getCreationTime() {
            return creationTime;
        }

        @Override
        public Instant getLastAccessTime() {
            return lastAccessTime;
        }

        @Override
        public void setMaxIdleTime(Duration maxIdleTime) {
            this.maxIdleTime = maxIdleTime;
        }

        @Override
        public Duration getMaxIdleTime() {
            return maxIdleTime;
        }
    }
}
