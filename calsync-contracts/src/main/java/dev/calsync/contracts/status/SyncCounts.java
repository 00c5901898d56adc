package dev.calsync.contracts.status;

import static dev.calsync.contracts.internal.Checks.notNegative;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How many events one sync run touched. Each count is required on the wire: a missing number would
 * otherwise read as a silent 0.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SyncCounts(
        @JsonProperty(required = true) int added,
        @JsonProperty(required = true) int changed,
        @JsonProperty(required = true) int deleted,
        @JsonProperty(required = true) int unchanged,
        @JsonProperty(required = true) int failed) {

    public static final SyncCounts ZERO = new SyncCounts(0, 0, 0, 0, 0);

    public SyncCounts {
        notNegative(added, "SyncCounts.added");
        notNegative(changed, "SyncCounts.changed");
        notNegative(deleted, "SyncCounts.deleted");
        notNegative(unchanged, "SyncCounts.unchanged");
        notNegative(failed, "SyncCounts.failed");
    }
}
