package dev.calsync.oauth.session;

import dev.calsync.oauth.connect.GrantRecordingAuthenticationManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.serializer.support.SerializationFailedException;
import org.springframework.core.serializer.support.SerializingConverter;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.web.server.WebSession;
import org.springframework.web.server.session.WebSessionStore;
import reactor.core.publisher.Mono;

/**
 * Web sessions in PostgreSQL (table {@code web_session}), so that every instance of the service knows the
 * same sessions and a restart signs nobody out. It takes the place of WebFlux's in-memory store inside
 * {@link org.springframework.web.server.session.DefaultWebSessionManager}, which keeps handling the cookie
 * and decides when a session is saved; Spring Session has no R2DBC store to use instead.
 *
 * <p>The table keys a session by the SHA-256 of its id ({@link SessionIds#hash}), never the id itself, and
 * an id that cannot be one of ours is answered without a query. A session is written at the end of a request
 * that used it once it holds something, and never before: a visitor who signs in to nothing leaves no row.
 * After that a request writes only what changed: the attributes when they differ from the stored ones, and
 * otherwise the last access (and with it the expiry) at most once per {@link #TOUCH_INTERVAL}, as Spring
 * Session does; a session idle for its whole timeout may therefore end up to that much early, never late.
 * Attributes are Java-serialized, as Spring Session's JDBC store keeps them, and read back only through
 * {@link AllowListDeserializer}; they are Spring Security's context, whose principal carries subscriber id and
 * email and no token. The subscriber id is also kept in its own column, so that a disconnect ends every
 * session of that subscriber ({@link #removeSessionsOf}). A row that no longer deserializes (classes changed
 * by an upgrade, or a class outside the allow-list) counts as no session: the person signs in again.
 * {@link #deleteExpired()} removes rows past their expiry.
 */
public class PostgresWebSessionStore implements WebSessionStore {

    /** How stale the stored last access may get before a request that changed nothing writes it again. */
    public static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(PostgresWebSessionStore.class);
    private static final String SECURITY_CONTEXT = WebSessionServerSecurityContextRepository.DEFAULT_SPRING_SECURITY_CONTEXT_ATTR_NAME;

    private final DatabaseClient db;
    private final Clock clock;
    private final Duration maxIdleTime;
    private final SerializingConverter serializer = new SerializingConverter();
    private final AllowListDeserializer deserializer = new AllowListDeserializer(PostgresWebSessionStore.class.getClassLoader());
    private final AtomicLong lookups = new AtomicLong();

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
        return Mono.fromSupplier(() -> {
            Instant now = clock.instant();
            return new StoredSession(SessionIds.newId(), now, now, maxIdleTime, new HashMap<>(), null);
        });
    }

    @Override
    public Mono<WebSession> retrieveSession(String id) {
        if (!SessionIds.wellFormed(id)) {
            return Mono.empty();
        }
        return Mono.defer(() -> {
            lookups.incrementAndGet();
            return db.sql("SELECT created_at, last_access_at, max_idle_seconds, attributes, subscriber_id FROM web_session "
                            + "WHERE id = :key AND expires_at > :now")
                    .bind("key", SessionIds.hash(id)).bind("now", clock.instant())
                    .map(row -> new Row(row.get("created_at", Instant.class), row.get("last_access_at", Instant.class),
                            row.get("max_idle_seconds", Long.class), row.get("attributes", byte[].class),
                            row.get("subscriber_id", String.class)))
                    .one();
        }).flatMap(row -> {
            Map<String, Object> attributes;
            try {
                attributes = deserialize(row.attributes());
            } catch (SerializationFailedException | ClassCastException e) {
                log.warn("a stored web session could not be read ({}); it is dropped and its owner signs in again",
                        e.getCause() == null ? e.getClass().getSimpleName() : e.getCause().getClass().getSimpleName());
                return removeSession(id).then(Mono.<WebSession>empty());
            }
            // the baseline later saves compare with: serialized again, since the stored bytes may differ for equal
            // content (a deserialized HashMap records another capacity than the one written)
            Row baseline = new Row(row.createdAt(), row.lastAccessAt(), row.maxIdleSeconds(),
                    serializer.convert(new HashMap<>(attributes)), row.subscriberId());
            // this retrieval is an access (the query saw it unexpired); WebFlux's manager leaves that to the store
            return Mono.<WebSession>just(new StoredSession(id, row.createdAt(), clock.instant(),
                    Duration.ofSeconds(row.maxIdleSeconds()), attributes, baseline));
        });
    }

    private record Row(Instant createdAt, Instant lastAccessAt, long maxIdleSeconds, byte[] attributes, String subscriberId) {
    }

    @Override
    public Mono<Void> removeSession(String id) {
        return db.sql("DELETE FROM web_session WHERE id = :key").bind("key", SessionIds.hash(id)).then();
    }

    /** Ends every session of {@code subscriberId}, in every browser; @return how many. */
    public Mono<Long> removeSessionsOf(String subscriberId) {
        return db.sql("DELETE FROM web_session WHERE subscriber_id = :s").bind("s", subscriberId).fetch().rowsUpdated();
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

    /** How many session lookups reached the database since start (tests, and a cost an operator may watch). */
    public long lookups() {
        return lookups.get();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> deserialize(byte[] bytes) {
        return (Map<String, Object>) deserializer.deserialize(bytes);
    }

    /** The subscriber signed in with these attributes, or null. */
    private static String subscriberId(Map<String, Object> attributes) {
        if (attributes.get(SECURITY_CONTEXT) instanceof SecurityContext context) {
            Authentication authentication = context.getAuthentication();
            if (authentication != null && authentication.getPrincipal() instanceof OAuth2User user) {
                return GrantRecordingAuthenticationManager.subscriberId(user);
            }
        }
        return null;
    }

    private final class StoredSession implements WebSession {

        private volatile String id;
        private final Instant creationTime;
        private volatile Instant lastAccessTime;
        private volatile Duration maxIdleTime;
        private final Map<String, Object> attributes;
        private volatile boolean started;
        /** The row under {@link #id} as last read or written, or null when there is none: later saves update it, and never bring back one deleted meanwhile. */
        private volatile Row stored;
        private volatile boolean invalidated;

        StoredSession(String id, Instant creationTime, Instant lastAccessTime, Duration maxIdleTime, Map<String, Object> attributes,
                      Row stored) {
            this.id = id;
            this.creationTime = creationTime;
            this.lastAccessTime = lastAccessTime;
            this.maxIdleTime = maxIdleTime;
            this.attributes = new ConcurrentHashMap<>(attributes);
            this.stored = stored;
            this.started = stored != null;
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
            String next = SessionIds.newId();
            id = next;
            return stored != null ? db.sql("UPDATE web_session SET id = :next WHERE id = :previous")
                    .bind("next", SessionIds.hash(next)).bind("previous", SessionIds.hash(previous)).then() : Mono.empty();
        }

        @Override
        public Mono<Void> invalidate() {
            invalidated = true;
            attributes.clear();
            started = false;
            return stored != null ? removeSession(id).doOnSuccess(done -> stored = null) : Mono.empty();
        }

        @Override
        public Mono<Void> save() {
            if (invalidated || !isStarted()) {
                return Mono.empty();
            }
            Instant at = lastAccessTime;
            Instant expiresAt = at.plus(maxIdleTime);
            byte[] serialized = serializer.convert(new HashMap<>(attributes));
            String subscriberId = subscriberId(attributes);
            Row written = new Row(creationTime, at, maxIdleTime.toSeconds(), serialized, subscriberId);
            Row previous = stored;
            if (previous == null) {
                return db.sql("INSERT INTO web_session (id, created_at, last_access_at, max_idle_seconds, expires_at, attributes, subscriber_id) "
                                + "VALUES (:key, :created, :at, :idle, :expires, :attributes, :subscriber)")
                        .bind("key", SessionIds.hash(id)).bind("created", creationTime).bind("at", at)
                        .bind("idle", written.maxIdleSeconds()).bind("expires", expiresAt).bind("attributes", serialized)
                        .bind("subscriber", nullable(subscriberId))
                        .then()
                        .doOnSuccess(done -> stored = written);
            }
            boolean changed = !Arrays.equals(serialized, previous.attributes()) || !Objects.equals(subscriberId, previous.subscriberId())
                    || written.maxIdleSeconds() != previous.maxIdleSeconds();
            if (!changed) {
                if (at.isBefore(previous.lastAccessAt().plus(TOUCH_INTERVAL))) {
                    return Mono.empty();
                }
                return db.sql("UPDATE web_session SET last_access_at = :at, expires_at = :expires WHERE id = :key")
                        .bind("at", at).bind("expires", expiresAt).bind("key", SessionIds.hash(id))
                        .then()
                        .doOnSuccess(done -> stored = written);
            }
            return db.sql("UPDATE web_session SET last_access_at = :at, max_idle_seconds = :idle, expires_at = :expires, "
                            + "attributes = :attributes, subscriber_id = :subscriber WHERE id = :key")
                    .bind("at", at).bind("idle", written.maxIdleSeconds()).bind("expires", expiresAt)
                    .bind("attributes", serialized).bind("subscriber", nullable(subscriberId)).bind("key", SessionIds.hash(id))
                    .then()
                    .doOnSuccess(done -> stored = written);
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

    private static Parameter nullable(String value) {
        return Parameter.fromOrEmpty(value, String.class);
    }
}
