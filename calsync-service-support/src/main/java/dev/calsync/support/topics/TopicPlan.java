package dev.calsync.support.topics;

import dev.calsync.contracts.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Every topic of the design with its partition count and retention. Grants, revocations, subscriptions
 * and dead letters are kept forever: a replay from the earliest offset must find every grant and
 * subscription ever made, and a dead letter waits for an operator however long that takes.
 */
public final class TopicPlan {

    /** Kafka's value for "never delete by age". */
    public static final long UNLIMITED = -1L;

    private TopicPlan() {
    }

    public static List<NewTopic> topics(CalsyncTopicsProperties properties) {
        return List.of(
                topic(properties, Topics.TOKEN_GRANTED, UNLIMITED),
                topic(properties, Topics.TOKEN_REVOKED, UNLIMITED),
                topic(properties, Topics.FEED_SUBSCRIPTION, UNLIMITED),
                topic(properties, Topics.EVENT_CHANGED, millis(properties.eventChangedRetention())),
                topic(properties, Topics.EVENT_CHANGED_DLQ, UNLIMITED),
                topic(properties, Topics.RESYNC_REQUESTED, millis(properties.resyncRequestedRetention())),
                topic(properties, Topics.SYNC_STATUS, millis(properties.syncStatusRetention())));
    }

    /**
     * A dead-letter topic of one consumer binding: same partitions, kept forever (a dead letter waits
     * for an operator however long that takes).
     */
    public static NewTopic deadLetterTopic(CalsyncTopicsProperties properties, String name) {
        return topic(properties, name, UNLIMITED);
    }

    private static NewTopic topic(CalsyncTopicsProperties properties, String name, long retentionMs) {
        return new NewTopic(name, properties.partitions(), properties.replicationFactor())
                .configs(Map.of(
                        TopicConfig.RETENTION_MS_CONFIG, Long.toString(retentionMs),
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE));
    }

    private static long millis(Duration retention) {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("a topic retention must be positive, was " + retention);
        }
        return retention.toMillis();
    }
}
