package dev.calsync.contracts.resync;

import static com.fasterxml.jackson.annotation.JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE;
import static dev.calsync.contracts.internal.Checks.optionalText;
import static dev.calsync.contracts.internal.Checks.required;
import static dev.calsync.contracts.internal.Checks.requiredText;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.calsync.contracts.CalsyncEvent;
import java.time.Instant;

/**
 * Asks feed-ingest-service to re-emit every current event of a feed, with new versions and the
 * resync flag; the writer then writes only what differs from what it already wrote.
 *
 * @param feedId the feed to resync, or null for every feed of the subscriber
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResyncRequested(
        String subscriberId,
        String feedId,
        // on the component, not the enum, because Jackson only honours it there; it makes any ObjectMapper
        // read a value a newer producer added as UNKNOWN, not only ContractJson's
        @JsonFormat(with = READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE) ResyncReason reason,
        Instant requestedAt) implements CalsyncEvent {

    public ResyncRequested {
        requiredText(subscriberId, "ResyncRequested.subscriberId");
        optionalText(feedId, "ResyncRequested.feedId");
        required(reason, "ResyncRequested.reason");
        required(requestedAt, "ResyncRequested.requestedAt");
    }
}
