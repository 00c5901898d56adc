package dev.calsync.contracts.status;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** Where in the pipeline a status comes from. */
public enum SyncStage {
    /** feed-ingest downloading the ICS feed. */
    FETCH,
    /** feed-ingest reading the ICS content. */
    PARSE,
    /** feed-ingest publishing changes. */
    EMIT,
    /** calendar-writer writing into Google Calendar. */
    WRITE,
    /** token-service: the grant or its refresh. */
    TOKEN,
    /** What an older consumer reads for a stage a newer producer added. */
    @JsonEnumDefaultValue
    UNKNOWN
}
