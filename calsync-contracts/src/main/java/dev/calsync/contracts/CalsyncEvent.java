package dev.calsync.contracts;

import dev.calsync.contracts.event.EventChanged;
import dev.calsync.contracts.feed.FeedSubscription;
import dev.calsync.contracts.resync.ResyncRequested;
import dev.calsync.contracts.status.SyncStatus;
import dev.calsync.contracts.token.TokenGranted;
import dev.calsync.contracts.token.TokenRevoked;

/**
 * A record that goes on a calsync topic. Sealed so that {@link ContractType} can map every one of
 * them and a new record cannot be published without a topic.
 */
public sealed interface CalsyncEvent
        permits TokenGranted, TokenRevoked, FeedSubscription, ResyncRequested, EventChanged, SyncStatus {

    /** The Kafka key of every topic: it keeps one person's records in order on one partition. */
    String subscriberId();
}
