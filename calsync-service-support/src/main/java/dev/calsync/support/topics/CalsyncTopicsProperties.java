package dev.calsync.support.topics;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the services create the design's topics at start. Partitions bound how far a consumer group can
 * scale out; retention decides how far back a replay can go.
 */
@ConfigurationProperties("calsync.topics")
public record CalsyncTopicsProperties(
        @DefaultValue("12") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue("30d") Duration eventChangedRetention,
        @DefaultValue("30d") Duration resyncRequestedRetention,
        @DefaultValue("7d") Duration syncStatusRetention) {

    public CalsyncTopicsProperties {
        if (partitions < 1) {
            throw new IllegalArgumentException("calsync.topics.partitions must be at least 1, was " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("calsync.topics.replication-factor must be at least 1, was " + replicationFactor);
        }
    }
}
