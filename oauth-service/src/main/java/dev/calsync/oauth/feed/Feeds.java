package dev.calsync.oauth.feed;

import dev.calsync.contracts.feed.FeedSubscription;
import dev.calsync.contracts.feed.SubscriptionAction;
import dev.calsync.oauth.keys.AtRestEncryption;
import dev.calsync.oauth.keys.InTransitEncryption;
import dev.calsync.oauth.outbox.Outbox;
import dev.calsync.oauth.outbox.OutboxPublisher;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * A subscriber's feeds. The URL is stored only encrypted with this service's AEAD key (associated data =
 * subscriber id + "/" + feed id, see {@link AtRestEncryption}), beside a display name and the masked form;
 * {@link FeedSubscription} carries it as a Tink hybrid ciphertext that only feed-ingest-service can open.
 * Adding and removing write the feed row and a {@link FeedSubscription} outbox row in one transaction.
 *
 * <p>The stored ciphertext is read back to refuse a feed the subscriber already has (compared in
 * {@link FeedUrl#normalized()} form, so {@code webcal://} and {@code https://} of one address are one feed).
 * Adding locks the subscriber's row, so two concurrent adds of one address (or past the limit) cannot both
 * pass the checks. Feeds added before V4 kept only the hybrid form, which this service cannot open; they
 * are not compared.
 */
@Service
@EnableConfigurationProperties(FeedProperties.class)
public class Feeds {

    private static final Logger log = LoggerFactory.getLogger(Feeds.class);

    public static final int MAX_DISPLAY_NAME = 100;

    public record Feed(String id, String displayName, String maskedUrl, Instant createdAt) {
    }

    private final DatabaseClient db;
    private final TransactionalOperator transaction;
    private final Outbox outbox;
    private final OutboxPublisher publisher;
    private final InTransitEncryption forFeedIngest;
    private final AtRestEncryption atRest;
    private final Clock clock;
    private final int maxFeedsPerSubscriber;

    public Feeds(DatabaseClient db, TransactionalOperator transaction, Outbox outbox, OutboxPublisher publisher,
                 @Qualifier("feedUrls") InTransitEncryption forFeedIngest, @Qualifier("feedUrlsAtRest") AtRestEncryption atRest,
                 Clock clock, FeedProperties properties) {
        this.db = db;
        this.transaction = transaction;
        this.outbox = outbox;
        this.publisher = publisher;
        this.forFeedIngest = forFeedIngest;
        this.atRest = atRest;
        this.clock = clock;
        this.maxFeedsPerSubscriber = properties.maxPerSubscriber();
    }

    public Mono<Feed> add(String subscriberId, String rawUrl, String rawDisplayName) {
        FeedUrl url = FeedUrl.parse(rawUrl);
        String displayName = rawDisplayName == null || rawDisplayName.isBlank() ? url.host() : rawDisplayName.strip();
        if (displayName.length() > MAX_DISPLAY_NAME) {
            return Mono.error(new InvalidFeedException("The name is too long (at most " + MAX_DISPLAY_NAME + " characters)."));
        }
        String feedId = "feed_" + UUID.randomUUID();
        Instant now = clock.instant();
        byte[] stored = atRest.encrypt(url.value(), subscriberId, feedId);
        String sealedForFeedIngest = forFeedIngest.encrypt(url.value(), subscriberId);
        Feed feed = new Feed(feedId, displayName, url.masked(), now);
        Mono<Feed> work = lockSubscriber(subscriberId)
                .then(alreadyAdded(subscriberId, url))
                .flatMap(duplicate -> duplicate ? Mono.error(new DuplicateFeedException()) : count(subscriberId))
                .flatMap(existing -> existing >= maxFeedsPerSubscriber
                ? Mono.error(new InvalidFeedException("You have reached the limit of " + maxFeedsPerSubscriber + " feeds."))
                : db.sql("INSERT INTO feed (id, subscriber_id, display_name, url_ciphertext, masked_url, created_at) "
                                + "VALUES (:id, :subscriber, :name, :url, :masked, :now)")
                        .bind("id", feedId).bind("subscriber", subscriberId).bind("name", displayName)
                        .bind("url", stored).bind("masked", url.masked()).bind("now", now)
                        .then()
                        .then(outbox.add("feed", feedId, new FeedSubscription(subscriberId, feedId, SubscriptionAction.SUBSCRIBED,
                                sealedForFeedIngest, displayName, now)))
                        .thenReturn(feed));
        return transaction.transactional(work).doOnSuccess(added -> publisher.wakeUp());
    }

    public Mono<List<Feed>> list(String subscriberId) {
        return db.sql("SELECT id, display_name, masked_url, created_at FROM feed WHERE subscriber_id = :subscriber ORDER BY created_at, id")
                .bind("subscriber", subscriberId)
                .map(row -> new Feed(row.get("id", String.class), row.get("display_name", String.class),
                        row.get("masked_url", String.class), row.get("created_at", Instant.class)))
                .all().collectList();
    }

    public Mono<Boolean> owns(String subscriberId, String feedId) {
        return db.sql("SELECT 1 FROM feed WHERE id = :id AND subscriber_id = :subscriber")
                .bind("id", feedId).bind("subscriber", subscriberId)
                .map(row -> true).one().defaultIfEmpty(false);
    }

    /** @return false when the subscriber has no such feed */
    public Mono<Boolean> remove(String subscriberId, String feedId) {
        Instant now = clock.instant();
        Mono<Boolean> work = db.sql("DELETE FROM feed WHERE id = :id AND subscriber_id = :subscriber")
                .bind("id", feedId).bind("subscriber", subscriberId)
                .fetch().rowsUpdated()
                .flatMap(deleted -> deleted == 0 ? Mono.just(false)
                        : outbox.add("feed", feedId, new FeedSubscription(subscriberId, feedId, SubscriptionAction.UNSUBSCRIBED,
                                null, null, now)).thenReturn(true));
        return transaction.transactional(work).doOnSuccess(removed -> publisher.wakeUp());
    }

    private Mono<Void> lockSubscriber(String subscriberId) {
        return db.sql("SELECT id FROM subscriber WHERE id = :subscriber FOR UPDATE").bind("subscriber", subscriberId).then();
    }

    /** Whether one of the subscriber's feeds has {@code url}'s address, by decrypting each stored URL. */
    private Mono<Boolean> alreadyAdded(String subscriberId, FeedUrl url) {
        String wanted = url.normalized();
        return db.sql("SELECT id, url_ciphertext FROM feed WHERE subscriber_id = :subscriber AND url_ciphertext IS NOT NULL")
                .bind("subscriber", subscriberId)
                .map(row -> Map.entry(row.get("id", String.class), row.get("url_ciphertext", byte[].class)))
                .all()
                .any(stored -> {
                    try {
                        return FeedUrl.parse(atRest.decrypt(stored.getValue(), subscriberId, stored.getKey())).normalized().equals(wanted);
                    } catch (GeneralSecurityException | InvalidFeedException e) {
                        // a row that does not open here (moved, altered, another key): it cannot be compared
                        log.warn("the stored URL of feed {} could not be read ({})", stored.getKey(), e.getClass().getSimpleName());
                        return false;
                    }
                });
    }

    private Mono<Long> count(String subscriberId) {
        return db.sql("SELECT count(*) AS n FROM feed WHERE subscriber_id = :subscriber")
                .bind("subscriber", subscriberId).map(row -> row.get("n", Long.class)).one();
    }
}
