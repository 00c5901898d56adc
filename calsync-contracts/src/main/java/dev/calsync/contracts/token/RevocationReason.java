package dev.calsync.contracts.token;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** Why a grant ended. Consumers act on the revocation itself, so a reason they don't know is harmless. */
public enum RevocationReason {
    /** The person pressed "disconnect". */
    USER_DISCONNECT,
    /** Google answered {@code invalid_grant}: the person revoked access in their Google account, or it expired. */
    INVALID_GRANT,
    ACCOUNT_DELETED,
    /** What an older consumer reads for a reason a newer producer added. */
    @JsonEnumDefaultValue
    UNKNOWN
}
