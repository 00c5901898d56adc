package dev.calsync.contracts.status;

import static com.fasterxml.jackson.annotation.JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE;
import static dev.calsync.contracts.internal.Checks.notNegative;
import static dev.calsync.contracts.internal.Checks.optionalText;
import static dev.calsync.contracts.internal.Checks.required;
import static dev.calsync.contracts.internal.Checks.requiredText;
import static dev.calsync.contracts.internal.Checks.textListOf;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.calsync.contracts.CalsyncEvent;
import java.time.Instant;
import java.util.List;

/**
 * How syncing went, for the status on the person's page.
 *
 * @param feedId the feed this is about, or null for the subscriber as a whole (e.g. their grant)
 * @param counts what changed; null reads as {@link SyncCounts#ZERO}
 * @param lastError a message for the person, or null when there is none. Producers must keep feed
 *     URLs and tokens out of it: it is shown on a page and kept on Kafka.
 * @param at when the stage ended
 * @param calendarEvents how many events the feed's Google calendar holds after this write (series count
 *     once); null when the producer does not know it (every stage but WRITE, and older writers)
 * @param warnings what a stage read leniently or left out, one line each naming the component and the
 *     rule applied; null reads as none. Like {@code lastError}, free of URLs and tokens.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SyncStatus(
        String subscriberId,
        String feedId,
        // on the component, not the enum, because Jackson only honours it there; it makes any ObjectMapper
        // read a value a newer producer added as UNKNOWN, not only ContractJson's
        @JsonFormat(with = READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE) SyncStage stage,
        @JsonFormat(with = READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE) SyncOutcome outcome,
        SyncCounts counts,
        String lastError,
        Instant at,
        Integer calendarEvents,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> warnings) implements CalsyncEvent {

    public SyncStatus {
        requiredText(subscriberId, "SyncStatus.subscriberId");
        optionalText(feedId, "SyncStatus.feedId");
        required(stage, "SyncStatus.stage");
        required(outcome, "SyncStatus.outcome");
        counts = counts == null ? SyncCounts.ZERO : counts;
        required(at, "SyncStatus.at");
        if (calendarEvents != null) {
            notNegative(calendarEvents, "SyncStatus.calendarEvents");
        }
        warnings = warnings == null ? List.of() : textListOf(warnings, "SyncStatus.warnings");
    }

    /** A status without a calendar count or warnings, as every stage sent before they existed. */
    public SyncStatus(String subscriberId, String feedId, SyncStage stage, SyncOutcome outcome, SyncCounts counts,
                      String lastError, Instant at) {
        this(subscriberId, feedId, stage, outcome, counts, lastError, at, null, null);
    }
}
