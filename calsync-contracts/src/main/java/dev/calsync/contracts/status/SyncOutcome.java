package dev.calsync.contracts.status;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

public enum SyncOutcome {
    SUCCESS,
    /** Some items failed, the rest went through. */
    PARTIAL,
    FAILED,
    /** The result looked wrong (e.g. a feed that suddenly shrank) and was not applied. */
    SUSPECT,
    /** Waiting, e.g. for Google's quota; it resumes by itself. */
    PAUSED,
    /** What an older consumer reads for an outcome a newer producer added. */
    @JsonEnumDefaultValue
    UNKNOWN
}
