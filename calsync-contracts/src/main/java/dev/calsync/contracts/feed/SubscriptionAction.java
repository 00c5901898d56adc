package dev.calsync.contracts.feed;

/**
 * No default for unknown values on purpose: guessing whether a feed was added or removed would
 * either delete a person's calendar or keep syncing a feed they dropped.
 */
public enum SubscriptionAction {
    SUBSCRIBED,
    UNSUBSCRIBED
}
