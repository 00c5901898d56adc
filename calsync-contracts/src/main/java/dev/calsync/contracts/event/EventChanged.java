package dev.calsync.contracts.event;

import static dev.calsync.contracts.internal.Checks.optionalText;
import static dev.calsync.contracts.internal.Checks.required;
import static dev.calsync.contracts.internal.Checks.requiredText;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.calsync.contracts.CalsyncEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * One change of one event of a feed, from feed-ingest-service to calendar-writer-service.
 *
 * <p>Which fields a record needs depends on {@code changeType}:
 * <ul>
 *   <li>always: {@code subscriberId}, {@code feedId}, {@code grantId}, {@code changeType},
 *       {@code version}, {@code occurredAt};</li>
 *   <li>{@code UPSERT} and {@code DELETE}: {@code uid};</li>
 *   <li>{@code UPSERT}: {@code event} and {@code contentHash}.</li>
 * </ul>
 *
 * @param feedDisplayName the name of the feed's Google calendar; nullable
 * @param grantId the subscriber's grant when feed-ingest emitted this; the writer skips records of a
 *     revoked grant
 * @param uid the ICS {@code UID}; null only for {@code FEED_REMOVED}
 * @param recurrenceId the ICS {@code RECURRENCE-ID}: null for a single event or a series master, set
 *     for an override of one instance of a series
 * @param version greater than 0 and only growing per feed; the writer skips anything not newer than
 *     what it wrote
 * @param contentHash hash of the normalized event; an unchanged hash costs the writer no call.
 *     Required for {@code UPSERT}, nullable otherwise.
 * @param resync true when a resync re-emitted the event rather than a change in the feed; required on
 *     the wire
 * @param event required for {@code UPSERT}, nullable otherwise
 * @param runId the feed-ingest run (one fetch or resync of the feed) this change belongs to: the version of
 *     the run's first change, so unique per feed. With {@code runSize} it lets the writer report one status
 *     per run instead of one per change. Null in records of older producers: each is then a run of its own.
 * @param runSize how many changes that run emitted; set exactly when {@code runId} is
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EventChanged(
        String subscriberId,
        String feedId,
        String feedDisplayName,
        UUID grantId,
        String uid,
        EventTime recurrenceId,
        ChangeType changeType,
        Long version,
        String contentHash,
        @JsonProperty(required = true) boolean resync,
        NormalizedEvent event,
        Instant occurredAt,
        Long runId,
        Integer runSize) implements CalsyncEvent {

    public EventChanged {
        requiredText(subscriberId, "EventChanged.subscriberId");
        requiredText(feedId, "EventChanged.feedId");
        optionalText(feedDisplayName, "EventChanged.feedDisplayName");
        required(grantId, "EventChanged.grantId");
        required(changeType, "EventChanged.changeType");
        required(version, "EventChanged.version");
        if (version <= 0) {
            throw new IllegalArgumentException("EventChanged.version must be greater than 0");
        }
        required(occurredAt, "EventChanged.occurredAt");
        if (changeType == ChangeType.FEED_REMOVED) {
            optionalText(uid, "EventChanged.uid");
        } else {
            requiredText(uid, "EventChanged.uid", "unless FEED_REMOVED");
        }
        if (changeType == ChangeType.UPSERT) {
            required(event, "EventChanged.event", "for UPSERT");
            requiredText(contentHash, "EventChanged.contentHash", "for UPSERT");
        } else {
            optionalText(contentHash, "EventChanged.contentHash");
        }
        if ((runId == null) != (runSize == null)) {
            throw new IllegalArgumentException("EventChanged.runId and EventChanged.runSize must be given together");
        }
        if (runSize != null && runSize <= 0) {
            throw new IllegalArgumentException("EventChanged.runSize must be greater than 0");
        }
    }

    /** A change outside any run, as producers sent before runs existed: the writer reports it on its own. */
    public EventChanged(String subscriberId, String feedId, String feedDisplayName, UUID grantId, String uid,
                        EventTime recurrenceId, ChangeType changeType, Long version, String contentHash, boolean resync,
                        NormalizedEvent event, Instant occurredAt) {
        this(subscriberId, feedId, feedDisplayName, grantId, uid, recurrenceId, changeType, version, contentHash, resync,
                event, occurredAt, null, null);
    }

    /** This change as part of the run starting at version {@code runId} with {@code runSize} changes. */
    public EventChanged inRun(long runId, int runSize) {
        return new EventChanged(subscriberId, feedId, feedDisplayName, grantId, uid, recurrenceId, changeType, version,
                contentHash, resync, event, occurredAt, runId, runSize);
    }
}
