package dev.calsync.contracts.resync;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** Why a resync was asked for; informational, a resync does the same whatever the reason. */
public enum ResyncReason {
    /** The person deleted the feed's Google calendar and the writer created it again. */
    CALENDAR_RECREATED,
    NEW_GRANT_AFTER_REVOKE,
    /** The writer stopped parking the subscriber's records after a long quota pause. */
    SUBSCRIBER_UNPARKED,
    OPERATOR,
    /** What an older consumer reads for a reason a newer producer added. */
    @JsonEnumDefaultValue
    UNKNOWN
}
