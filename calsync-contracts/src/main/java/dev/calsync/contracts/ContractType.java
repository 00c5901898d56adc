package dev.calsync.contracts;

import dev.calsync.contracts.event.EventChanged;
import dev.calsync.contracts.feed.FeedSubscription;
import dev.calsync.contracts.resync.ResyncRequested;
import dev.calsync.contracts.status.SyncStatus;
import dev.calsync.contracts.token.TokenGranted;
import dev.calsync.contracts.token.TokenRevoked;
import java.util.Arrays;

/** Which topic and which CloudEvents type belong to which record. */
public enum ContractType {

    TOKEN_GRANTED(Topics.TOKEN_GRANTED, TokenGranted.class, "dev.calsync.token-granted.v1"),
    TOKEN_REVOKED(Topics.TOKEN_REVOKED, TokenRevoked.class, "dev.calsync.token-revoked.v1"),
    FEED_SUBSCRIPTION(Topics.FEED_SUBSCRIPTION, FeedSubscription.class, "dev.calsync.feed-subscription.v1"),
    RESYNC_REQUESTED(Topics.RESYNC_REQUESTED, ResyncRequested.class, "dev.calsync.resync-requested.v1"),
    EVENT_CHANGED(Topics.EVENT_CHANGED, EventChanged.class, "dev.calsync.event-changed.v1"),
    SYNC_STATUS(Topics.SYNC_STATUS, SyncStatus.class, "dev.calsync.sync-status.v1");

    private final String topic;
    private final Class<? extends CalsyncEvent> payloadType;
    private final String cloudEventType;

    ContractType(String topic, Class<? extends CalsyncEvent> payloadType, String cloudEventType) {
        this.topic = topic;
        this.payloadType = payloadType;
        this.cloudEventType = cloudEventType;
    }

    public String topic() {
        return topic;
    }

    public Class<? extends CalsyncEvent> payloadType() {
        return payloadType;
    }

    /** The value of the {@link CloudEventHeaders#TYPE} header. */
    public String cloudEventType() {
        return cloudEventType;
    }

    /**
     * @throws IllegalArgumentException if {@code payloadType} is not one of the contract records
     */
    public static ContractType of(Class<?> payloadType) {
        if (payloadType == null) {
            throw new IllegalArgumentException("payloadType is required");
        }
        for (ContractType type : values()) {
            if (type.payloadType == payloadType) {
                return type;
            }
        }
        throw new IllegalArgumentException(
                payloadType.getName() + " is not a calsync contract record; expected one of "
                        + Arrays.stream(values()).map(t -> t.payloadType.getSimpleName()).toList());
    }
}
